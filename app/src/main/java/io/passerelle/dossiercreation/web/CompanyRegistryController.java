package io.passerelle.dossiercreation.web;

import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiercreation.CompanyPrefill;
import io.passerelle.dossiercreation.DossierCreationErrors;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.registry.CompanyRegistryClient;
import io.passerelle.registry.RegistryUnavailableException;
import io.passerelle.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/company-registry/{siret}}: the company registry's answer for a SIRET, to prefill
 * the new dossier's page. A SIRET the firm already has is answered "already used" with that
 * dossier's link, without asking the registry (so even while it is down): no second dossier is to
 * be made of it. The registry down after the client's attempts is a 503 {@code
 * REGISTRY_UNAVAILABLE}: the page lets the staff member type the details (the dossier request's
 * process retries on its own).
 */
@RestController
class CompanyRegistryController {

  private final CompanyRegistryClient registry;
  private final JdbcClient jdbc;

  CompanyRegistryController(CompanyRegistryClient registry, JdbcClient jdbc) {
    this.registry = registry;
    this.jdbc = jdbc;
  }

  @GetMapping("/api/company-registry/{siret}")
  CompanyPrefill lookup(@PathVariable String siret) {
    List<FieldError> errors = new ArrayList<>();
    String clean = CompanyFields.siret(siret, "siret", errors);
    if (clean == null) {
      CompanyFields.throwIfAny(
          errors.isEmpty()
              ? List.of(
                  new FieldError(
                      "siret", CommonErrors.INVALID_SIRET, "A SIRET has exactly 14 digits."))
              : errors);
    }
    var used =
        jdbc.sql("select id, company_name from dossier where siret = ?")
            .param(clean)
            .query(
                (rs, n) ->
                    new DossierRequestView.DossierRef(
                        rs.getLong(1), rs.getString(2), "/api/dossiers/" + rs.getLong(1)))
            .optional()
            .orElse(null);
    if (used != null) {
      return CompanyPrefill.alreadyUsed(clean, used);
    }
    CompanyLookup answer;
    try {
      answer = registry.lookup(clean);
    } catch (RegistryUnavailableException e) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          DossierCreationErrors.REGISTRY_UNAVAILABLE,
          "The company registry does not answer right now: type the company's details, or try"
              + " again in a moment.");
    }
    return switch (answer) {
      case CompanyLookup.Found found -> CompanyPrefill.found(clean, found.company());
      case CompanyLookup.NotFound notFound -> CompanyPrefill.notFound(clean);
    };
  }
}
