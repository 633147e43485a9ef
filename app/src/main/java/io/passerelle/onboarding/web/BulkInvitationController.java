package io.passerelle.onboarding.web;

import io.passerelle.onboarding.BulkInvitationService;
import io.passerelle.onboarding.BulkInvitationView;
import io.passerelle.onboarding.BulkItemView;
import io.passerelle.onboarding.BulkPreview;
import io.passerelle.onboarding.BulkRequest;
import io.passerelle.staff.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/bulk-invitations} (seed 002): preview, send, follow the result per contact. */
@RestController
@RequestMapping("/api/bulk-invitations")
class BulkInvitationController {

  private final BulkInvitationService bulks;

  BulkInvitationController(BulkInvitationService bulks) {
    this.bulks = bulks;
  }

  /** Who would be invited and who left out, and why; changes nothing. */
  @PostMapping("/preview")
  BulkPreview preview(
      @Valid @RequestBody BulkInvitationRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return bulks.preview(request.command(), me.actor());
  }

  /** Sends the invitations: 202 with the bulk invitation, whose progress GET shows. */
  @PostMapping
  ResponseEntity<BulkInvitationView> start(
      @Valid @RequestBody BulkInvitationRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    BulkInvitationView bulk = bulks.start(request.command(), me.actor());
    return ResponseEntity.accepted()
        .location(URI.create("/api/bulk-invitations/" + bulk.id()))
        .body(bulk);
  }

  @GetMapping("/{id}")
  BulkInvitationView get(@PathVariable long id) {
    return bulks.get(id);
  }

  /** The result per contact. */
  @GetMapping("/{id}/items")
  Page<BulkItemView> items(@PathVariable long id, @PageableDefault(size = 50) Pageable pageable) {
    return bulks.items(id, pageable);
  }

  record BulkInvitationRequest(
      @NotEmpty @Size(max = BulkInvitationService.MAX_DOSSIERS) List<@NotNull Long> dossierIds,
      @Size(max = 100_000) List<@NotNull Long> contactIds,
      @NotBlank @Size(max = 40) String offerCode,
      @Size(max = 2000) String customMessage) {

    BulkRequest command() {
      return new BulkRequest(dossierIds, contactIds, offerCode, customMessage);
    }
  }
}
