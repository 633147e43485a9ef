package io.passerelle.dossiercreation.web;

import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.registry.CompanyInfo;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.registry.CompanyRegistryClient;
import io.passerelle.registry.RegistryUnavailableException;
import io.passerelle.web.pages.FrenchMessages;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Seed 004, step 2, for the "nouveau dossier" page: the SIRET typed, checked, looked up in the firm
 * (a dossier with it already: the registry is not asked) then in the company registry, whose answer
 * prefills the form; every outcome with the sentence the page shows.
 */
@Component
class SiretLookup {

  private final CompanyRegistryClient registry;
  private final DossierRequestQueries queries;

  SiretLookup(CompanyRegistryClient registry, DossierRequestQueries queries) {
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

  /** Looks the form's SIRET up and prefills the form's company with the registry's answer. */
  Lookup lookup(NewDossierForm form) {
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
      return new Lookup(typed, "INVALID", null, null, FrenchMessages.ofCode("INVALID_SIRET", null));
    }
    form.setSiret(siret);
    DossierRequestQueries.Ref used = queries.dossierWithSiret(siret).orElse(null);
    if (used != null) {
      // the firm has it: no second dossier, and no need to ask the registry (even when it is down)
      return alreadyUsed(siret, used);
    }
    try {
      return answered(siret, registry.lookup(siret), form);
    } catch (RegistryUnavailableException e) {
      return new Lookup(
          siret,
          "DOWN",
          null,
          null,
          "Le répertoire des entreprises ne répond pas pour le moment : saisissez les"
              + " informations vous-même, ou réessayez dans un instant. Le dossier peut être"
              + " demandé quand même : Passerelle interrogera le répertoire à nouveau.");
    }
  }

  /** The firm's dossier that has the SIRET, when the request is refused for it. */
  Lookup alreadyUsed(String siret) {
    return queries.dossierWithSiret(siret).map(ref -> alreadyUsed(siret, ref)).orElse(null);
  }

  private static Lookup alreadyUsed(String siret, DossierRequestQueries.Ref used) {
    return new Lookup(
        siret,
        "ALREADY_USED",
        null,
        used,
        "Le cabinet a déjà un dossier avec ce SIRET : le répertoire n'a pas été interrogé.");
  }

  private static Lookup answered(String siret, CompanyLookup answer, NewDossierForm form) {
    return switch (answer) {
      case CompanyLookup.Found found -> {
        form.prefill(found.company());
        yield found.company().closed()
            ? new Lookup(
                siret,
                "CLOSED",
                found.company(),
                null,
                "Établissement fermé : le répertoire indique que cet établissement est fermé."
                    + " Vérifiez le SIRET ; si vous demandez le dossier, vous confirmerez ses"
                    + " informations dans la tâche « Compléter les informations de"
                    + " l'entreprise ».")
            : new Lookup(
                siret,
                "FOUND",
                found.company(),
                null,
                "Entreprise trouvée : ses informations sont reprises ci-dessous, vérifiez-les.");
      }
      case CompanyLookup.NotFound notFound ->
          new Lookup(
              siret,
              "NOT_FOUND",
              null,
              null,
              "Le répertoire ne connaît pas ce SIRET : vérifiez-le, ou saisissez les informations"
                  + " de l'entreprise.");
    };
  }
}
