package io.passerelle.dossiercreation.web;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FrenchMessages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * The "nouveau dossier" form's errors, in one summary: what the page refuses itself (unreadable
 * values, no start date), the service's refusal, and what either did not get to (the identity, the
 * document tree, the partner applications), each named by the form's own field and label.
 */
@Component
class NewDossierFormErrors {

  private static final Pattern APPLICATION_FIELD =
      Pattern.compile(
          "partnerApplications\\[(\\d+)]\\.(code|accessAllowed|onClientPortal|settings\\.(.+))");

  private final DossierSetupService setup;

  NewDossierFormErrors(DossierSetupService setup) {
    this.setup = setup;
  }

  /**
   * What the page itself refuses before asking the service: unreadable values, no start date. When
   * it refuses, the checks the service would make of the identity, the tree and the applications
   * are named too, so that one summary says everything.
   */
  FormErrors pageErrors(
      NewDossierForm form, BindingResult binding, List<PartnerApplication> catalogue) {
    List<FormErrors.Entry> entries = new ArrayList<>();
    for (var error : binding.getFieldErrors()) {
      FormErrors.Field field = formField(error.getField());
      entries.add(
          new FormErrors.Entry(field.id(), field.label(), "Cette valeur n'est pas valable."));
    }
    for (String date : List.of("fiscalYearStart", "fiscalYearEnd")) {
      String text =
          "fiscalYearStart".equals(date) ? form.getFiscalYearStart() : form.getFiscalYearEnd();
      try {
        NewDossierForm.date(text, date);
      } catch (IllegalArgumentException e) {
        entries.add(
            new FormErrors.Entry(
                date, formField(date).label(), "Ce n'est pas une date : écrivez 31/12/2026."));
      }
    }
    if (form.getFiscalYearStart() == null || form.getFiscalYearStart().isBlank()) {
      entries.add(
          new FormErrors.Entry(
              "fiscalYearStart",
              "Début de l'exercice",
              "Donnez le premier jour de l'exercice en cours : les dossiers mensuels en"
                  + " dépendent."));
    }
    if (entries.isEmpty()) {
      return FormErrors.NONE;
    }
    List<NewDossierForm.Choice> choices = form.choices(catalogue);
    List<FieldError> more = new ArrayList<>();
    CompanyFields.siret(form.getSiret(), "siret", more);
    CompanyFields.details(form.company(), "company.", false, more);
    try {
      setup.resolveDocumentTree(form.getDocumentTreeCode(), "documentTreeCode");
    } catch (DomainException tree) {
      more.addAll(tree.fieldErrors());
    }
    more.addAll(
        setup.partnerApplicationErrors(
            choices.stream().map(NewDossierForm.Choice::choice).toList(), "partnerApplications"));
    for (FieldError error : more) {
      FormErrors.Field field = field(error.field(), choices);
      if (field != null) {
        entries.add(
            new FormErrors.Entry(
                field.id(), field.label(), FrenchMessages.ofCode(error.code(), error.message())));
      }
    }
    return FormErrors.of(
        entries.size() == 1
            ? "Une information est à corriger."
            : entries.size() + " informations sont à corriger.",
        entries);
  }

  /**
   * The service's refusal, completed with what it did not get to (it stops at the first group at
   * fault): the document tree and the partner applications are checked here too, so the summary
   * names every field at once.
   */
  FormErrors errors(DomainException e, NewDossierForm form, List<PartnerApplication> catalogue) {
    List<NewDossierForm.Choice> choices = form.choices(catalogue);
    List<FieldError> all = new ArrayList<>(e.fieldErrors());
    if (all.isEmpty()) {
      all.add(
          new FieldError(
              "DIRECTOR_INVITATION_MANAGER_ONLY".equals(e.code()) ? "director.email" : "",
              e.code(),
              e.getMessage()));
    }
    try {
      setup.resolveDocumentTree(form.getDocumentTreeCode(), "documentTreeCode");
    } catch (DomainException tree) {
      all.addAll(tree.fieldErrors());
    }
    all.addAll(
        setup.partnerApplicationErrors(
            choices.stream().map(NewDossierForm.Choice::choice).toList(), "partnerApplications"));
    List<FieldError> distinct = new ArrayList<>(new LinkedHashSet<>(all));
    DomainException complete = new DomainException(e.kind(), e.code(), e.getMessage(), distinct);
    return FormErrors.from(
        complete, name -> field(name, choices), new FormErrors.Field("companyName", "Demande"));
  }

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("siret", "SIRET"),
          Map.entry("companyName", "Raison sociale"),
          Map.entry("legalForm", "Forme juridique"),
          Map.entry("addressLine1", "Adresse"),
          Map.entry("addressLine2", "Complément d'adresse"),
          Map.entry("postalCode", "Code postal"),
          Map.entry("city", "Ville"),
          Map.entry("country", "Pays"),
          Map.entry("nafCode", "Code NAF"),
          Map.entry("fiscalYearStart", "Début de l'exercice"),
          Map.entry("fiscalYearEnd", "Fin de l'exercice"),
          Map.entry("documentTreeCode", "Arborescence"),
          Map.entry("managerId", "Responsable du dossier"),
          Map.entry("assignedStaffIds", "Collaborateurs ayant accès"),
          Map.entry("directorFirstName", "Prénom du dirigeant"),
          Map.entry("directorLastName", "Nom du dirigeant"),
          Map.entry("directorEmail", "E-mail du dirigeant"),
          Map.entry("directorPhone", "Téléphone du dirigeant"),
          Map.entry("directorLimitedTo", "Thèmes du dirigeant"),
          Map.entry("directorAccessLevel", "Accès du dirigeant"),
          Map.entry("directorOfferCode", "Offre proposée au dirigeant"),
          Map.entry("directorMessage", "Message au dirigeant"));

  /** A field of the form by its own name. */
  static FormErrors.Field formField(String name) {
    String root = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
    if ("applications".equals(root)) {
      return new FormErrors.Field("applications", "Applications partenaires");
    }
    return new FormErrors.Field(root, LABELS.getOrDefault(root, root));
  }

  /** A field of the service's request ({@code company.nafCode}) as the form names it. */
  static FormErrors.Field field(String serviceField, List<NewDossierForm.Choice> choices) {
    if (serviceField == null || serviceField.isEmpty()) {
      return null;
    }
    Matcher app = APPLICATION_FIELD.matcher(serviceField);
    if (app.matches()) {
      int index = Integer.parseInt(app.group(1));
      if (index >= choices.size()) {
        return new FormErrors.Field("applications", "Applications partenaires");
      }
      PartnerApplication application = choices.get(index).application();
      String prefix = "app-" + application.code() + "-";
      if (app.group(3) != null) {
        String key = app.group(3);
        String label =
            application.fields().stream()
                .filter(f -> f.key().equals(key))
                .map(f -> f.label())
                .findFirst()
                .orElse(key);
        return new FormErrors.Field(prefix + "setting-" + key, application.name() + " — " + label);
      }
      return "onClientPortal".equals(app.group(2))
          ? new FormErrors.Field(prefix + "portal", application.name() + " — portail du dirigeant")
          : new FormErrors.Field(prefix + "access", application.name());
    }
    String name =
        switch (serviceField) {
          case "fiscalYears[0].start" -> "fiscalYearStart";
          case "fiscalYears[0].end" -> "fiscalYearEnd";
          case "director.firstName" -> "directorFirstName";
          case "director.lastName" -> "directorLastName";
          case "director.email", "director.organisationalRoleCode" -> "directorEmail";
          case "director.phone" -> "directorPhone";
          case "director.limitedTo" -> "directorLimitedTo";
          case "director.accessLevel" -> "directorAccessLevel";
          case "director.offerCode", "director.offer" -> "directorOfferCode";
          case "director.customMessage" -> "directorMessage";
          default ->
              serviceField.startsWith("company.")
                  ? serviceField.substring("company.".length())
                  : serviceField.startsWith("fiscalYears")
                      ? "fiscalYearStart"
                      : serviceField.startsWith("director.") ? "directorEmail" : serviceField;
        };
    return LABELS.containsKey(name) ? new FormErrors.Field(name, LABELS.get(name)) : null;
  }
}
