package io.passerelle.dossierimport;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkTerms;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.NewDossier;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiersetup.DossierSetupService;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Carries out a plan every line of which passed: each line's dossier, its document tree and its
 * director, then the import's record with its report and the activity. Runs inside the import's
 * transaction: a line that fails now (something changed since the check) aborts the whole file.
 */
@Component
class ImportExecution {

  private final DossierImportRepository imports;
  private final DossierService dossiers;
  private final DossierSetupService setup;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final ActivityService activity;
  private final Clock clock;

  ImportExecution(
      DossierImportRepository imports,
      DossierService dossiers,
      DossierSetupService setup,
      ContactService contacts,
      DossierLinkService links,
      ActivityService activity,
      Clock clock) {
    this.imports = imports;
    this.dossiers = dossiers;
    this.setup = setup;
    this.contacts = contacts;
    this.links = links;
    this.activity = activity;
    this.clock = clock;
  }

  ImportReport execute(CheckedFile file, List<ImportPlan> plans, Actor.Staff importer) {
    int linked = 0;
    for (ImportPlan plan : plans) {
      try {
        create(plan, importer);
      } catch (DomainException e) {
        throw new DomainException(
            DomainException.Kind.CONFLICT,
            "IMPORT_ABORTED",
            "Line "
                + plan.line
                + ": "
                + e.getMessage()
                + " (it changed while the file was imported). Nothing was imported.",
            e.fieldErrors());
      }
      if (plan.directorContactId != null) {
        linked++;
      }
    }
    var now = clock.instant();
    DossierImport stored =
        new DossierImport(
            importer.staffId(),
            file.fileName(),
            file.sha256(),
            file.text().encoding(),
            file.separator(),
            plans.size(),
            linked,
            now);
    stored.report(ImportReports.imported(null, file, plans, now));
    imports.saveAndFlush(stored);
    ImportReport report = ImportReports.imported(stored.getId(), file, plans, now);
    stored.report(report);
    imports.saveAndFlush(stored);
    activity.record(
        ActivityRecord.of(ActivityType.DOSSIERS_IMPORTED, importer, null, null)
            .with("importId", stored.getId())
            .with("dossiers", plans.size())
            .with("directors", linked));
    return report;
  }

  private void create(ImportPlan plan, Actor importer) {
    CompanyDetails c = plan.company;
    DossierView dossier =
        dossiers.create(
            new NewDossier(
                c.companyName(),
                plan.siret,
                c.legalForm(),
                c.addressLine1(),
                c.addressLine2(),
                c.postalCode(),
                c.city(),
                c.country(),
                c.nafCode(),
                plan.fiscalYearStart,
                plan.fiscalYearEnd,
                plan.managerId,
                plan.staffIds),
            importer);
    plan.dossierId = dossier.id();
    if (plan.documentTreeCode != null) {
      setup.setUp(dossier.id(), plan.documentTreeCode, List.of(), importer);
    }
    if (plan.director != null) {
      var contact = contacts.createOrReuse(plan.director, importer).contact();
      links.link(
          dossier.id(), contact.id(), new LinkTerms(null, AccessLevel.READ_WRITE, true), importer);
      plan.directorContactId = contact.id();
    }
  }
}
