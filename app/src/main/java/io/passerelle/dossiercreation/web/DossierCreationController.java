package io.passerelle.dossiercreation.web;

import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossier.FiscalYears;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiercreation.DossierCreationErrors;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.registry.CompanyInfo;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.registry.CompanyRegistryClient;
import io.passerelle.registry.RegistryUnavailableException;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.StaffPage;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Nouveau dossier" (seed 004's "Ajouter un client"): the SIRET looked up in the company registry
 * to prefill the company (htmx, or the whole page without JavaScript), the fiscal year with its end
 * proposed 12 months later, the document tree when the firm has several, the manager and the
 * assigned staff, the director to invite now or later, the partner applications. Sending it starts
 * a dossier request — {@link DossierRequestService#submit}, what {@code POST /api/dossier-requests}
 * calls — and shows its progress page.
 */
@StaffPage
class DossierCreationController {

  private static final Pattern APPLICATION_FIELD =
      Pattern.compile(
          "partnerApplications\\[(\\d+)]\\.(code|accessAllowed|onClientPortal|settings\\.(.+))");

  private final DossierRequestService requests;
  private final DossierSetupService setup;
  private final StaffService staff;
  private final CatalogService catalog;
  private final CompanyRegistryClient registry;
  private final DossierRequestQueries queries;

  DossierCreationController(
      DossierRequestService requests,
      DossierSetupService setup,
      StaffService staff,
      CatalogService catalog,
      CompanyRegistryClient registry,
      DossierRequestQueries queries) {
    this.requests = requests;
    this.setup = setup;
    this.staff = staff;
    this.catalog = catalog;
    this.registry = registry;
    this.queries = queries;
  }

  /**
   * What the registry said of the SIRET typed, for the page.
   *
   * @param outcome {@code FOUND}, {@code CLOSED}, {@code NOT_FOUND}, {@code DOWN} (the registry
   *     gave no answer), {@code INVALID} (not a SIRET), {@code EMPTY} (nothing typed)
   * @param alreadyUsedBy the firm's dossier that has this SIRET already
   */
  record Lookup(
      String siret,
      String outcome,
      CompanyInfo company,
      DossierRequestQueries.Ref alreadyUsedBy,
      String message) {

    public boolean found() {
      return company != null;
    }
  }

  @GetMapping("/dossiers/nouveau")
  String form(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    requireCreator(me);
    NewDossierForm form =
        NewDossierForm.blank(
            UUID.randomUUID().toString(),
            me.staff().role() == StaffRole.MANAGER ? me.staff().id() : null);
    return page(form, FormErrors.NONE, null, model);
  }

  /**
   * Seed 004, step 2: the SIRET looked up, the company prefilled. With htmx, only the company's
   * part of the form comes back; without JavaScript, the whole page with what was typed.
   */
  @PostMapping("/dossiers/nouveau/siret")
  String lookup(
      @ModelAttribute("form") NewDossierForm form,
      BindingResult binding,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    requireCreator(me);
    Lookup lookup = lookup(form);
    if ("true".equals(htmx)) {
      model.addAttribute("form", form);
      model.addAttribute("errors", FormErrors.NONE);
      model.addAttribute("lookup", lookup);
      return "pages/dossier-nouveau :: lookup-response";
    }
    return page(form, FormErrors.NONE, lookup, model);
  }

  /** Seed 004, step 3: "une date de fin 12 mois plus tard", which stays editable. */
  @GetMapping("/dossiers/nouveau/fin-exercice")
  String proposedEnd(
      @RequestParam(required = false) String fiscalYearStart,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    NewDossierForm form = new NewDossierForm();
    form.setFiscalYearStart(fiscalYearStart);
    try {
      LocalDate start = NewDossierForm.date(fiscalYearStart, "fiscalYearStart");
      if (start != null) {
        form.setFiscalYearEnd(FiscalYears.defaultEnd(start).toString());
      }
    } catch (IllegalArgumentException unreadable) {
      // the end stays empty: the form says what is wrong when it is sent
    }
    model.addAttribute("form", form);
    model.addAttribute("errors", FormErrors.NONE);
    return "pages/dossier-nouveau :: fiscal-year-end";
  }

  @PostMapping("/dossiers/nouveau")
  String submit(
      @ModelAttribute("form") NewDossierForm form,
      BindingResult binding,
      @AuthenticationPrincipal StaffPrincipal me,
      HttpSession session,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash) {
    requireCreator(me);
    List<PartnerApplication> catalogue = setup.partnerApplications();
    FormErrors pageErrors = pageErrors(form, binding, catalogue);
    if (!pageErrors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(form, pageErrors, null, model);
    }
    long requestId;
    try {
      requestId =
          FormOnce.run(
              session,
              "dossier-request",
              form.getRequestId(),
              () -> requests.submit(form.command(catalogue), me.actor()).id());
    } catch (DomainException e) {
      boolean director = DossierCreationErrors.DIRECTOR_INVITATION_MANAGER_ONLY.is(e.code());
      if (e.kind() == DomainException.Kind.FORBIDDEN && !director) {
        throw e;
      }
      response.setStatus(status(e).value());
      Lookup used =
          CommonErrors.SIRET_ALREADY_USED.is(e.code()) && form.getSiret() != null
              ? queries
                  .dossierWithSiret(form.getSiret().strip())
                  .map(ref -> alreadyUsed(form.getSiret().strip(), ref))
                  .orElse(null)
              : null;
      return page(form, errors(e, form, catalogue), used, model);
    }
    flash.addFlashAttribute(
        "success", "La demande de création est enregistrée : suivez-la ci-dessous.");
    return "redirect:/dossiers/demandes/" + requestId;
  }

  // ---- inside ----

  private Lookup lookup(NewDossierForm form) {
    String typed = form.getSiret();
    if (typed == null || typed.isBlank()) {
      return new Lookup(
          null,
          "EMPTY",
          null,
          null,
          "Saisissez un SIRET (14 chiffres) pour le rechercher, ou laissez-le vide et saisissez"
              + " les informations de l'entreprise.");
    }
    List<FieldError> errors = new ArrayList<>();
    String siret = CompanyFields.siret(typed, "siret", errors);
    if (siret == null) {
      return new Lookup(
          typed, "INVALID", null, null, FrenchMessages.ofCode(CommonErrors.INVALID_SIRET, null));
    }
    form.setSiret(siret);
    DossierRequestQueries.Ref used = queries.dossierWithSiret(siret).orElse(null);
    if (used != null) {
      // the firm has it: no second dossier, and no need to ask the registry (even when it is down)
      return alreadyUsed(siret, used);
    }
    CompanyLookup answer;
    try {
      answer = registry.lookup(siret);
    } catch (RegistryUnavailableException e) {
      return new Lookup(
          siret,
          "DOWN",
          null,
          used,
          "Le répertoire des entreprises ne répond pas pour le moment : saisissez les"
              + " informations vous-même, ou réessayez dans un instant. Le dossier peut être"
              + " demandé quand même : Passerelle interrogera le répertoire à nouveau.");
    }
    return switch (answer) {
      case CompanyLookup.Found found -> {
        form.prefill(found.company());
        yield found.company().closed()
            ? new Lookup(
                siret,
                "CLOSED",
                found.company(),
                used,
                "Établissement fermé : le répertoire indique que cet établissement est fermé."
                    + " Vérifiez le SIRET ; si vous demandez le dossier, vous confirmerez ses"
                    + " informations dans la tâche « Compléter les informations de"
                    + " l'entreprise ».")
            : new Lookup(
                siret,
                "FOUND",
                found.company(),
                used,
                "Entreprise trouvée : ses informations sont reprises ci-dessous, vérifiez-les.");
      }
      case CompanyLookup.NotFound notFound ->
          new Lookup(
              siret,
              "NOT_FOUND",
              null,
              used,
              "Le répertoire ne connaît pas ce SIRET : vérifiez-le, ou saisissez les informations"
                  + " de l'entreprise.");
    };
  }

  private static Lookup alreadyUsed(String siret, DossierRequestQueries.Ref used) {
    return new Lookup(
        siret,
        "ALREADY_USED",
        null,
        used,
        "Le cabinet a déjà un dossier avec ce SIRET : le répertoire n'a pas été interrogé.");
  }

  private String page(NewDossierForm form, FormErrors errors, Lookup lookup, Model model) {
    List<StaffView> active =
        staff
            .list(null, true, PageRequest.of(0, 500, Sort.by("lastName", "firstName")))
            .getContent();
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("lookup", lookup);
    model.addAttribute("trees", setup.documentTrees());
    model.addAttribute("applications", setup.partnerApplications());
    model.addAttribute(
        "managers", active.stream().filter(s -> s.role() != StaffRole.STAFF).toList());
    model.addAttribute("staffMembers", active);
    model.addAttribute("offers", catalog.offers().stream().filter(o -> o.active()).toList());
    model.addAttribute("accessLevels", AccessLevel.values());
    return "pages/dossier-nouveau";
  }

  /**
   * What the page itself refuses before asking the service: unreadable values, no start date. When
   * it refuses, the checks the service would make of the identity, the tree and the applications
   * are named too, so that one summary says everything.
   */
  private FormErrors pageErrors(
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
  private FormErrors errors(
      DomainException e, NewDossierForm form, List<PartnerApplication> catalogue) {
    List<NewDossierForm.Choice> choices = form.choices(catalogue);
    List<FieldError> all = new ArrayList<>(e.fieldErrors());
    if (all.isEmpty()) {
      all.add(
          new FieldError(
              DossierCreationErrors.DIRECTOR_INVITATION_MANAGER_ONLY.is(e.code())
                  ? "director.email"
                  : "",
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
    DomainException complete =
        new DomainException(e.kind(), e.errorCode(), e.getMessage(), distinct);
    return FormErrors.from(
        complete, name -> field(name, choices), new FormErrors.Field("companyName", "Demande"));
  }

  private static HttpStatus status(DomainException e) {
    return switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case CONFLICT -> HttpStatus.CONFLICT;
      case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
    };
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

  private static void requireCreator(StaffPrincipal me) {
    if (me.staff().role() == StaffRole.STAFF) {
      throw DomainException.forbidden(
          DossierCreationErrors.DOSSIER_CREATION_MANAGER_ONLY,
          "Only a manager or the office administrator creates or imports dossiers.");
    }
  }
}
