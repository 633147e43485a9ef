package io.passerelle.dossiersetup;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Locks;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierSummary;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupProperties.Kind;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupProperties.SettingField;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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

  static final int MAX_SETTING_LENGTH = 200;

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
            DossierSetupErrors.DOCUMENT_TREE_REQUIRED,
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
                        DossierSetupErrors.DOCUMENT_TREE_UNKNOWN,
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
   * Checks partner application choices against the catalogue and returns them cleaned (codes in
   * capitals, values trimmed, blank values dropped). Every problem is a field error under {@code
   * field[i]}: unknown or repeated application, portal without access or for an automation, a
   * required setting missing, an unknown setting, a value too long, with control characters or not
   * in the partner's format.
   */
  public List<PartnerApplicationChoice> checkPartnerApplications(
      List<PartnerApplicationChoice> choices, String field) {
    List<FieldError> errors = new ArrayList<>();
    List<PartnerApplicationChoice> clean = check(choices, field, errors);
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.RULE,
          DossierSetupErrors.PARTNER_APPLICATION_INVALID,
          errors.get(0).message(),
          errors);
    }
    return clean;
  }

  private List<PartnerApplicationChoice> check(
      List<PartnerApplicationChoice> choices, String field, List<FieldError> errors) {
    if (choices == null || choices.isEmpty()) {
      return List.of();
    }
    Map<String, PartnerApplication> byCode = catalogueByCode();
    Set<String> seen = new HashSet<>();
    List<PartnerApplicationChoice> clean = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      PartnerApplicationChoice choice = choices.get(i);
      String at = field + "[" + i + "]";
      String code =
          choice == null || Texts.trimToNull(choice.code()) == null
              ? null
              : choice.code().strip().toUpperCase(Locale.ROOT);
      PartnerApplication application = code == null ? null : byCode.get(code);
      if (application == null) {
        errors.add(
            new FieldError(
                at + ".code",
                DossierSetupErrors.PARTNER_APPLICATION_UNKNOWN,
                "No partner application has the code '"
                    + Texts.abbreviate(String.valueOf(code), 40)
                    + "'; the firm offers "
                    + String.join(", ", byCode.keySet())
                    + "."));
        continue;
      }
      if (!seen.add(code)) {
        errors.add(
            new FieldError(
                at + ".code",
                DossierSetupErrors.PARTNER_APPLICATION_REPEATED,
                "The application " + application.name() + " is chosen twice."));
        continue;
      }
      if (choice.onClientPortal() && application.kind() != Kind.REDIRECT) {
        errors.add(
            new FieldError(
                at + ".onClientPortal",
                DossierSetupErrors.PORTAL_FOR_REDIRECT_ONLY,
                "Only redirect applications appear on the director's portal; "
                    + application.name()
                    + " works on the dossier's data."));
      }
      if (choice.onClientPortal() && !choice.accessAllowed()) {
        errors.add(
            new FieldError(
                at + ".onClientPortal",
                DossierSetupErrors.ACCESS_NOT_ALLOWED,
                "Allow access to " + application.name() + " before showing it on the portal."));
      }
      Map<String, String> settings = settings(application, choice, at, errors);
      clean.add(
          new PartnerApplicationChoice(
              code, choice.accessAllowed(), choice.onClientPortal(), settings));
    }
    return clean;
  }

  private static Map<String, String> settings(
      PartnerApplication application,
      PartnerApplicationChoice choice,
      String at,
      List<FieldError> errors) {
    Map<String, SettingField> fields =
        application.fields().stream()
            .collect(
                Collectors.toMap(
                    SettingField::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    Map<String, String> clean = new LinkedHashMap<>();
    Set<String> refused = new HashSet<>();
    for (var entry : choice.settings().entrySet()) {
      SettingField definition = fields.get(entry.getKey());
      String where = at + ".settings." + entry.getKey();
      if (definition == null) {
        errors.add(
            new FieldError(
                where,
                DossierSetupErrors.SETTING_UNKNOWN,
                application.name()
                    + (fields.isEmpty()
                        ? " takes no settings."
                        : " takes " + String.join(", ", fields.keySet()) + ".")));
        continue;
      }
      String value = Texts.trimToNull(entry.getValue());
      if (value == null) {
        continue;
      }
      if (value.length() > MAX_SETTING_LENGTH || Texts.hasControlCharacter(value)) {
        refused.add(definition.key());
        errors.add(
            new FieldError(
                where,
                DossierSetupErrors.SETTING_INVALID,
                definition.label()
                    + ": one line of at most "
                    + MAX_SETTING_LENGTH
                    + " characters."));
        continue;
      }
      if (definition.pattern() != null && !value.matches(definition.pattern())) {
        refused.add(definition.key());
        errors.add(
            new FieldError(
                where,
                DossierSetupErrors.SETTING_INVALID,
                definition.label() + " is not in the format " + application.name() + " expects."));
        continue;
      }
      clean.put(definition.key(), value);
    }
    if (choice.accessAllowed()) {
      for (SettingField definition : fields.values()) {
        if (definition.required()
            && !clean.containsKey(definition.key())
            && !refused.contains(definition.key())) {
          errors.add(
              new FieldError(
                  at + ".settings." + definition.key(),
                  DossierSetupErrors.SETTING_REQUIRED,
                  application.name() + " needs " + definition.label() + " to work."));
        }
      }
    }
    return clean;
  }

  /** The field errors {@link #checkPartnerApplications} would throw, for a report. */
  public List<FieldError> partnerApplicationErrors(
      List<PartnerApplicationChoice> choices, String field) {
    List<FieldError> errors = new ArrayList<>();
    check(choices, field, errors);
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
      throw DomainException.invalid(CommonErrors.REQUIRED, "code", "Choose a document tree.");
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
      throw DomainException.notFound(
          CommonErrors.DOSSIER_UNKNOWN, "No dossier has the id " + dossierId + ".");
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

  private Map<String, PartnerApplication> catalogueByCode() {
    return catalogue.partnerApplications().stream()
        .collect(
            Collectors.toMap(
                PartnerApplication::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  private static void requireManagerOrAdministrator(DossierSummary dossier, Actor actor) {
    if (actor instanceof Actor.SystemActor || actor.isAdministrator()) {
      return;
    }
    if (actor instanceof Actor.Staff member && member.staffId() == dossier.managerId()) {
      return;
    }
    throw DomainException.forbidden(
        DossierErrors.DOSSIER_MANAGER_ONLY,
        "Only the dossier's manager ("
            + dossier.managerUsername()
            + ") or the office administrator may choose its document tree.");
  }
}
