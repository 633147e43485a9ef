package io.passerelle.dossier.web;

import io.passerelle.dossier.DossierChanges;
import io.passerelle.dossier.DossierFilter;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.NewDossier;
import io.passerelle.dossier.OfferActivation;
import io.passerelle.dossier.ValidSiret;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.ApiPaging;
import io.passerelle.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/dossiers}: client files, their offers (the tile), staff and fiscal years. */
@RestController
@RequestMapping("/api/dossiers")
class DossierController {

  private static final Set<String> SORTABLE = Set.of("companyName", "siret", "createdAt", "id");

  private final DossierService dossiers;

  DossierController(DossierService dossiers) {
    this.dossiers = dossiers;
  }

  @GetMapping
  Page<DossierView> list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Long managerId,
      @RequestParam(required = false) Long staffId,
      @RequestParam(required = false) String offerCode,
      @PageableDefault(sort = "companyName") Pageable pageable) {
    return dossiers.list(
        new DossierFilter(q, managerId, staffId, offerCode), ApiPaging.check(pageable, SORTABLE));
  }

  @PostMapping
  ResponseEntity<DossierView> create(
      @Valid @RequestBody CreateDossierRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    DossierView created =
        dossiers.create(
            new NewDossier(
                request.companyName(),
                request.siret(),
                request.legalForm(),
                request.address() == null ? null : request.address().line1(),
                request.address() == null ? null : request.address().line2(),
                request.address() == null ? null : request.address().postalCode(),
                request.address() == null ? null : request.address().city(),
                request.address() == null ? null : request.address().country(),
                request.nafCode(),
                request.fiscalYearStart(),
                request.fiscalYearEnd(),
                request.managerId(),
                request.assignedStaffIds()),
            me.actor());
    return ResponseEntity.created(URI.create("/api/dossiers/" + created.id())).body(created);
  }

  @GetMapping("/{id}")
  DossierView get(@PathVariable long id) {
    return dossiers.get(id);
  }

  @PatchMapping("/{id}")
  DossierView update(
      @PathVariable long id,
      @Valid @RequestBody UpdateDossierRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    var address = request.address();
    return dossiers.update(
        id,
        new DossierChanges(
            request.companyName(),
            request.siret(),
            request.legalForm(),
            address == null ? null : address.line1(),
            address == null ? null : address.line2(),
            address == null ? null : address.postalCode(),
            address == null ? null : address.city(),
            address == null ? null : address.country(),
            request.nafCode(),
            request.managerId()),
        me.actor());
  }

  // ---- offers (the tile) ----

  @GetMapping("/{id}/offers")
  List<DossierView.OfferOnDossier> offers(@PathVariable long id) {
    return dossiers.offers(id);
  }

  /** Activates an offer: 201 the first time, 200 when it was already active (nothing changes). */
  @PostMapping("/{id}/offers")
  ResponseEntity<DossierView.OfferOnDossier> activateOffer(
      @PathVariable long id,
      @Valid @RequestBody ActivateOfferRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    OfferActivation activation = dossiers.activateOffer(id, request.offerCode(), me.actor());
    return ResponseEntity.status(activation.newlyActivated() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/dossiers/" + id + "/offers"))
        .body(activation.offer());
  }

  /** Enables or disables the offer's widget on the dossier's dashboard (seed 001, step 4). */
  @PutMapping("/{id}/offers/{offerCode}/widget")
  DossierView.OfferOnDossier widget(
      @PathVariable long id,
      @PathVariable String offerCode,
      @Valid @RequestBody WidgetRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return dossiers.setWidget(id, offerCode, request.enabled(), me.actor());
  }

  // ---- staff ----

  @GetMapping("/{id}/staff")
  List<DossierView.StaffRef> staff(@PathVariable long id) {
    return dossiers.assignedStaff(id);
  }

  @PostMapping("/{id}/staff")
  List<DossierView.StaffRef> assign(
      @PathVariable long id,
      @Valid @RequestBody AssignStaffRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return dossiers.assignStaff(id, request.staffId(), me.actor()).assignedStaff();
  }

  @DeleteMapping("/{id}/staff/{staffId}")
  List<DossierView.StaffRef> unassign(
      @PathVariable long id,
      @PathVariable long staffId,
      @AuthenticationPrincipal StaffPrincipal me) {
    return dossiers.unassignStaff(id, staffId, me.actor()).assignedStaff();
  }

  // ---- fiscal years ----

  @GetMapping("/{id}/fiscal-years")
  List<DossierView.FiscalYearView> fiscalYears(@PathVariable long id) {
    return dossiers.get(id).fiscalYears();
  }

  /** Adds a fiscal year; without {@code end}, it ends 12 months after the start, minus a day. */
  @PostMapping("/{id}/fiscal-years")
  ResponseEntity<DossierView.FiscalYearView> addFiscalYear(
      @PathVariable long id,
      @Valid @RequestBody FiscalYearRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    var year = dossiers.addFiscalYear(id, request.start(), request.end(), me.actor());
    return ResponseEntity.created(URI.create("/api/dossiers/" + id + "/fiscal-years")).body(year);
  }

  record AddressRequest(
      @Size(max = 200) @PlainText String line1,
      @Size(max = 200) @PlainText String line2,
      @Size(max = 10) @PlainText String postalCode,
      @Size(max = 100) @PlainText String city,
      @Size(max = 2) String country) {}

  record CreateDossierRequest(
      @NotBlank @Size(max = 200) @PlainText String companyName,
      @Size(max = 20) @ValidSiret String siret,
      @Size(max = 60) @PlainText String legalForm,
      @Valid AddressRequest address,
      @Size(max = 6) String nafCode,
      LocalDate fiscalYearStart,
      LocalDate fiscalYearEnd,
      Long managerId,
      List<Long> assignedStaffIds) {}

  record UpdateDossierRequest(
      @Size(max = 200) @PlainText String companyName,
      @Size(max = 20) @ValidSiret String siret,
      @Size(max = 60) @PlainText String legalForm,
      @Valid AddressRequest address,
      @Size(max = 6) String nafCode,
      Long managerId) {}

  record ActivateOfferRequest(@NotBlank @Size(max = 40) String offerCode) {}

  record WidgetRequest(boolean enabled) {}

  record AssignStaffRequest(@NotNull Long staffId) {}

  record FiscalYearRequest(@NotNull LocalDate start, LocalDate end) {}
}
