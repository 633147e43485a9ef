package io.passerelle.dossiercreation.web;

import io.passerelle.contact.AccessLevel;
import io.passerelle.dossier.FiscalYears;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiercreation.DirectorDetails;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.DossierRequestStatus;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.dossiercreation.NewDossierRequest;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.ApiPaging;
import io.passerelle.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/dossier-requests}: ask for a dossier (seed 004's "Ajouter un client") and follow its
 * creation; {@code /api/fiscal-years/proposal}: the end proposed for a start.
 */
@RestController
class DossierRequestController {

  private static final Set<String> SORTABLE = Set.of("createdAt", "updatedAt", "id", "status");

  private final DossierRequestService requests;

  DossierRequestController(DossierRequestService requests) {
    this.requests = requests;
  }

  /**
   * Stores the request and starts {@code Process_DossierCreation}: 202 Accepted with the request
   * (follow it at its Location). Accepts {@code Idempotency-Key}.
   */
  @PostMapping("/api/dossier-requests")
  ResponseEntity<DossierRequestView> submit(
      @Valid @RequestBody CreateRequest body, @AuthenticationPrincipal StaffPrincipal me) {
    DossierRequestView created = requests.submit(body.toCommand(), me.actor());
    return ResponseEntity.accepted()
        .location(URI.create("/api/dossier-requests/" + created.id()))
        .body(created);
  }

  @GetMapping("/api/dossier-requests/{id}")
  DossierRequestView get(@PathVariable long id) {
    return requests.get(id);
  }

  @GetMapping("/api/dossier-requests")
  Page<DossierRequestView> list(
      @RequestParam(required = false) DossierRequestStatus status,
      @RequestParam(required = false) Long requestedBy,
      @PageableDefault(sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
    return requests.list(status, requestedBy, ApiPaging.check(pageable, SORTABLE));
  }

  /**
   * The task "Compléter les informations de l'entreprise": saves the details and completes the
   * task; the dossier is created next.
   */
  @PostMapping("/api/dossier-requests/{id}/company-details")
  DossierRequestView completeDetails(
      @PathVariable long id,
      @Valid @RequestBody CompanyDetailsRequest body,
      @AuthenticationPrincipal StaffPrincipal me) {
    return requests.completeDetails(id, body.siret(), body.toDetails(), me.actor());
  }

  /** Stops waiting for the company registry: the details task opens. */
  @PostMapping("/api/dossier-requests/{id}/manual-entry")
  DossierRequestView manualEntry(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return requests.requestManualEntry(id, me.actor());
  }

  /** The registry is back: tries the lookup again (it held an incident). */
  @PostMapping("/api/dossier-requests/{id}/lookup-retry")
  DossierRequestView retryLookup(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return requests.retryLookup(id, me.actor());
  }

  /** Seed 004: "la saisie de la date de début vous propose une date de fin 12 mois plus tard". */
  @GetMapping("/api/fiscal-years/proposal")
  FiscalYearProposal proposal(@RequestParam LocalDate start) {
    return new FiscalYearProposal(start, FiscalYears.defaultEnd(start));
  }

  record FiscalYearProposal(LocalDate start, LocalDate end) {}

  record AddressRequest(
      @Size(max = 200) @PlainText String line1,
      @Size(max = 200) @PlainText String line2,
      @Size(max = 10) @PlainText String postalCode,
      @Size(max = 100) @PlainText String city,
      @Size(max = 2) String country) {}

  record CompanyRequest(
      @Size(max = 200) @PlainText String companyName,
      @Size(max = 60) @PlainText String legalForm,
      @Valid AddressRequest address,
      @Size(max = 6) String nafCode) {

    CompanyDetails toDetails() {
      return new CompanyDetails(
          companyName,
          legalForm,
          address == null ? null : address.line1(),
          address == null ? null : address.line2(),
          address == null ? null : address.postalCode(),
          address == null ? null : address.city(),
          address == null ? null : address.country(),
          nafCode);
    }
  }

  record FiscalYearRequest(@NotNull LocalDate start, LocalDate end) {}

  record PartnerApplicationRequest(
      @NotNull @Size(max = 40) String code,
      boolean accessAllowed,
      boolean onClientPortal,
      @Size(max = 20) Map<String, String> settings) {}

  record DirectorRequest(
      @Size(max = 100) @PlainText String firstName,
      @Size(max = 100) @PlainText String lastName,
      @NotNull @Size(max = 254) String email,
      @Size(max = 30) @PlainText String phone,
      @Size(max = 40) String organisationalRoleCode,
      @Size(max = 100) @PlainText String limitedTo,
      AccessLevel accessLevel,
      @Size(max = 40) String offerCode,
      @Size(max = 2000) String customMessage) {}

  /**
   * @param sendInvitationNow seed 004's checkbox, checked by default: the director's invitation
   *     leaves at once; false = it waits for "send it now" on the dossier's page
   */
  record CreateRequest(
      @Size(max = 20) String siret,
      @Valid CompanyRequest company,
      @Size(max = 20) List<@Valid FiscalYearRequest> fiscalYears,
      Long managerId,
      @Size(max = 50) List<Long> assignedStaffIds,
      @Size(max = 40) String documentTreeCode,
      @Size(max = 20) List<@Valid PartnerApplicationRequest> partnerApplications,
      @Valid DirectorRequest director,
      Boolean sendInvitationNow) {

    NewDossierRequest toCommand() {
      return new NewDossierRequest(
          siret,
          company == null ? null : company.toDetails(),
          fiscalYears == null
              ? null
              : fiscalYears.stream()
                  .map(y -> new CompanyFields.FiscalYear(y.start(), y.end()))
                  .toList(),
          managerId,
          assignedStaffIds,
          documentTreeCode,
          partnerApplications == null
              ? null
              : partnerApplications.stream()
                  .map(
                      a ->
                          new PartnerApplicationChoice(
                              a.code(), a.accessAllowed(), a.onClientPortal(), a.settings()))
                  .toList(),
          director == null
              ? null
              : new DirectorDetails(
                  director.firstName(),
                  director.lastName(),
                  director.email(),
                  director.phone(),
                  director.organisationalRoleCode(),
                  director.limitedTo(),
                  director.accessLevel(),
                  director.offerCode(),
                  director.customMessage()),
          sendInvitationNow == null || sendInvitationNow);
    }
  }

  record CompanyDetailsRequest(
      @Size(max = 20) String siret,
      @Size(max = 200) @PlainText String companyName,
      @Size(max = 60) @PlainText String legalForm,
      @Valid AddressRequest address,
      @Size(max = 6) String nafCode) {

    CompanyDetails toDetails() {
      return new CompanyRequest(companyName, legalForm, address, nafCode).toDetails();
    }
  }
}
