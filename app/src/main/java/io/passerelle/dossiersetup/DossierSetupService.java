package io.passerelle.dossiersetup;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Locks;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierSummary;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a dossier is set up besides its identity (seed 004): the document tree chosen among the
 * firm's templates (when there are several, one must be picked; when there is one, it applies), and
 * the partner applications allowed on it, with the extra settings automation applications need.
 *
 * <p>Who may do what: the dossier's manager or the office administrator chooses the tree; allowing
 * a partner application gives a third party access to the dossier, so the rule of external access
 * applies ({@link DossierService#requireExternalAccessManager}). A process step (the system actor)
 * sets up a dossier it creates.
 */
@Service
public class DossierSetupService {

  private final DossierSetupProperties catalogue;
  private final DossierDocumentTreeRepository trees;
  private final DossierPartnerApplicationRepository applications;
  private final DossierService dossiers;
  private final ActivityService activity;
  private final Locks locks;
  private final Clock clock;

  DossierSetupService(
      DossierSetupProperties catalogue,
      DossierDocumentTreeRepository trees,
      DossierPartnerApplicationRepository applications,
      DossierService dossiers,
      ActivityService activity,
      Locks locks,
      Clock clock) {
    this.catalogue = catalogue;
    this.trees = trees;
    this.applications = applications;
    this.dossiers = dossiers;
    this.activity = activity;
    this.locks = locks;
    this.clock = clock;
  }

  // ---- the catalogues ----

  public List<DocumentTreeTemplate> documentTrees() {
    return catalogue.documentTrees();
  }

  public List<PartnerApplication> partnerApplications() {
    return catalogue.partnerApplications();
  }

  /**
   * The template a new dossier gets: the one named; the only one when the firm has one and none is
   * named; none when the firm has none. Several and none named: {@code DOCUMENT_TREE_REQUIRED}; an
   * unknown code: {@code DOCUMENT_TREE_UNKNOWN}.
   */
  public Optional<DocumentTreeTemplate> resolveDocumentTree(String code, String field) {
    String wanted = Texts.trimToNull(code);
    List<DocumentTreeTemplate> all = catalogue.documentTrees();
    if (wanted == null) {
      if (all.size() > 1) {
        throw DomainException.rule(
            "DOCUMENT_TREE_REQUIRED",
            field,
            "The firm has several document trees: choose one of "
                + all.stream().map(DocumentTreeTemplate::code).collect(Collectors.joining(", "))
                + ".");
      }
      return all.stream().findFirst();
    }
    String normalised = wanted.toUpperCase(Locale.ROOT);
    return Optional.of(
        all.stream()
            .filter(t -> t.code().equals(normalised))
            .findFirst()
            .orElseThrow(
                () ->
                    DomainException.rule(
                        "DOCUMENT_TREE_UNKNOWN",
                        field,
                        "No document tree has the code '"
                            + Texts.abbreviate(wanted, 40)
                            + "'"
                            + (all.isEmpty()
                                ? ": the firm has none."
                                : "; choose one of "
                                    + all.stream()
                                        .map(DocumentTreeTemplate::code)
                                        .collect(Collectors.joining(", "))
                                    + "."))));
  }

  /**
   * Checks partner application choices against the catalogue and returns them cleaned ({@link
   * PartnerApplicationRules}); every problem is a field error under {@code field[i]}.
   */
  public List<PartnerApplicationChoice> checkPartnerApplications(
      List<PartnerApplicationChoice> choices, String field) {
    List<FieldError> errors = new ArrayList<>();
    List<PartnerApplicationChoice> clean = rules().check(choices, field, errors);
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.RULE,
          "PARTNER_APPLICATION_INVALID",
          errors.get(0).message(),
          errors);
    }
    return clean;
  }

  /** The field errors {@link #checkPartnerApplications} would throw, for a report. */
  public List<FieldError> partnerApplicationErrors(
      List<PartnerApplicationChoice> choices, String field) {
    List<FieldError> errors = new ArrayList<>();
    rules().check(choices, field, errors);
    return errors;
  }

  // ---- per dossier ----

  /**
   * Sets a new dossier up: its document tree (the resolved template, if any) and its partner
   * applications. Idempotent: what is already so is left as it is.
   */
  @Transactional
  public DossierSetupView setUp(
      long dossierId,
      String documentTreeCode,
      List<PartnerApplicationChoice> choices,
      Actor actor) {
    var template = resolveDocumentTree(documentTreeCode, "documentTreeCode");
    var clean = checkPartnerApplications(choices, "partnerApplications");
    if (template.isPresent()) {
      applyTree(dossierId, template.get(), actor);
    }
    for (PartnerApplicationChoice choice : clean) {
      applyApplication(dossierId, choice, actor);
    }
    return forDossier(dossierId);
  }

  /** Gives the dossier another document tree template (the dossier's manager or the admin). */
  @Transactional
  public DocumentTreeView chooseDocumentTree(long dossierId, String code, Actor actor) {
    requireManagerOrAdministrator(dossiers.summary(dossierId), actor);
    if (Texts.trimToNull(code) == null) {
      throw DomainException.invalid("REQUIRED", "code", "Choose a document tree.");
    }
    var template = resolveDocumentTree(code, "code").orElseThrow();
    return applyTree(dossierId, template, actor).view();
  }

  /**
   * Allows (or withdraws) a partner application on the dossier, with its settings: external access,
   * so the dossier's manager or the office administrator only.
   */
  @Transactional
  public PartnerApplicationView setPartnerApplication(
      long dossierId, PartnerApplicationChoice choice, Actor actor) {
    dossiers.requireExternalAccessManager(dossierId, actor);
    var clean = checkPartnerApplications(List.of(choice), "partnerApplication").get(0);
    DossierPartnerApplication row = applyApplication(dossierId, clean, actor);
    return row.view(catalogueByCode().get(clean.code()));
  }

  @Transactional(readOnly = true)
  public DossierSetupView forDossier(long dossierId) {
    if (!dossiers.exists(dossierId)) {
      throw DomainException.notFound("DOSSIER_UNKNOWN", "No dossier has the id " + dossierId + ".");
    }
    DocumentTreeView tree = trees.findById(dossierId).map(DossierDocumentTree::view).orElse(null);
    Map<String, DossierPartnerApplication> rows =
        applications.findByDossierId(dossierId).stream()
            .collect(Collectors.toMap(DossierPartnerApplication::getApplicationCode, r -> r));
    List<PartnerApplicationView> views = new ArrayList<>();
    for (PartnerApplication application : catalogue.partnerApplications()) {
      DossierPartnerApplication row = rows.get(application.code());
      views.add(
          row == null
              ? new PartnerApplicationView(
                  application.code(),
                  application.name(),
                  application.kind(),
                  application.url(),
                  false,
                  false,
                  Map.of(),
                  null)
              : row.view(application));
    }
    return new DossierSetupView(dossierId, tree, views);
  }

  // ---- inside ----

  private DossierDocumentTree applyTree(
      long dossierId, DocumentTreeTemplate template, Actor actor) {
    locks.lock("dossier-document-tree", String.valueOf(dossierId));
    DossierDocumentTree tree =
        trees.findById(dossierId).orElseGet(() -> new DossierDocumentTree(dossierId));
    if (tree.choose(template, clock.instant())) {
      trees.saveAndFlush(tree);
      activity.record(
          ActivityRecord.of(ActivityType.DOCUMENT_TREE_CHOSEN, actor, dossierId, null)
              .with("templateCode", template.code()));
    }
    return tree;
  }

  private DossierPartnerApplication applyApplication(
      long dossierId, PartnerApplicationChoice choice, Actor actor) {
    locks.lock("dossier-partner-application", dossierId + ":" + choice.code());
    DossierPartnerApplication row =
        applications
            .findByDossierIdAndApplicationCode(dossierId, choice.code())
            .orElseGet(() -> new DossierPartnerApplication(dossierId, choice.code()));
    if (row.apply(choice, clock.instant())) {
      applications.saveAndFlush(row);
      activity.record(
          ActivityRecord.of(ActivityType.PARTNER_APPLICATION_CHANGED, actor, dossierId, null)
              .with("applicationCode", choice.code())
              .with("accessAllowed", choice.accessAllowed())
              .with("onClientPortal", choice.onClientPortal()));
    }
    return row;
  }

  private PartnerApplicationRules rules() {
    return new PartnerApplicationRules(catalogue.partnerApplications());
  }

  private Map<String, PartnerApplication> catalogueByCode() {
    return PartnerApplicationRules.byCode(catalogue.partnerApplications());
  }

  private static void requireManagerOrAdministrator(DossierSummary dossier, Actor actor) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member && member.staffId() == dossier.managerId()) {
      return;
    }
    throw DomainException.forbidden(
        "DOSSIER_MANAGER_ONLY",
        "Only the dossier's manager ("
            + dossier.managerUsername()
            + ") or the office administrator may choose its document tree.");
  }
}
