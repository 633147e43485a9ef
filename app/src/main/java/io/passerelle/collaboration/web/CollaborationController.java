package io.passerelle.collaboration.web;

import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.Proposal;
import io.passerelle.collaboration.ProposeService;
import io.passerelle.collaboration.ServiceFilter;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.collaboration.ServiceView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.ApiPaging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/collaborative-services}: offers proposed to contacts for dossiers. */
@RestController
@RequestMapping("/api/collaborative-services")
class CollaborationController {

  private static final Set<String> SORTABLE = Set.of("proposedAt", "activatedAt", "status", "id");

  private final CollaborationService services;

  CollaborationController(CollaborationService services) {
    this.services = services;
  }

  @GetMapping
  Page<ServiceView> list(
      @RequestParam(required = false) Long dossierId,
      @RequestParam(required = false) Long contactId,
      @RequestParam(required = false) ServiceStatus status,
      @RequestParam(required = false) String offerCode,
      @PageableDefault(sort = "proposedAt", direction = Sort.Direction.DESC) Pageable pageable) {
    return services.list(
        new ServiceFilter(dossierId, contactId, status, offerCode),
        ApiPaging.check(pageable, SORTABLE));
  }

  /**
   * Proposes an offer to a contact for a dossier (the offer active on the dossier, the contact
   * linked to it): 201, or 200 with the live service when it was proposed already. The answer says
   * whether the person's account is already active (then: a "new access" notice).
   */
  @PostMapping
  ResponseEntity<Proposal> propose(
      @Valid @RequestBody ProposeRequest request, @AuthenticationPrincipal StaffPrincipal me) {
    Proposal proposal =
        services.propose(
            new ProposeService(
                null, request.dossierId(), request.contactId(), request.offerCode(), null),
            me.actor());
    return ResponseEntity.status(proposal.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/collaborative-services/" + proposal.service().id()))
        .body(proposal);
  }

  @GetMapping("/{id}")
  ServiceView get(@PathVariable long id) {
    return services.get(id);
  }

  @PostMapping("/{id}/cancellation")
  ServiceView cancel(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return services.cancel(id, me.actor());
  }

  @PostMapping("/{id}/revocation")
  ServiceView revoke(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return services.revoke(id, me.actor());
  }

  record ProposeRequest(
      @NotNull Long dossierId,
      @NotNull Long contactId,
      @NotBlank @Size(max = 40) String offerCode) {}
}
