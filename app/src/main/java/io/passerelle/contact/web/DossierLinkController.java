package io.passerelle.contact.web;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkChanges;
import io.passerelle.contact.LinkResult;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.LinkView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
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

/**
 * {@code /api/dossiers/{id}/links}: who may see the dossier. Granting, changing and removing
 * external access is for the dossier's manager or the office administrator (403 otherwise).
 */
@RestController
@RequestMapping("/api/dossiers/{dossierId}/links")
class DossierLinkController {

  private final DossierLinkService links;

  DossierLinkController(DossierLinkService links) {
    this.links = links;
  }

  @GetMapping
  List<LinkView> list(
      @PathVariable long dossierId,
      @RequestParam(defaultValue = "false") boolean includeWithdrawn) {
    return links.forDossier(dossierId, includeWithdrawn);
  }

  /**
   * Gives a contact access: 201 with what the person should receive ({@code notice}: an active
   * account gets NEW_ACCESS_NOTICE, anyone else INVITATION_NEEDED); 200 when they already had it.
   */
  @PostMapping
  ResponseEntity<LinkResult> link(
      @PathVariable long dossierId,
      @Valid @RequestBody LinkRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    LinkResult result =
        links.link(
            dossierId,
            request.contactId(),
            new LinkTerms(
                request.limitedTo(), request.accessLevel(), Boolean.TRUE.equals(request.holder())),
            me.actor());
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/dossiers/" + dossierId + "/links/" + result.link().id()))
        .body(result);
  }

  @GetMapping("/{linkId}")
  LinkView get(@PathVariable long dossierId, @PathVariable long linkId) {
    return links.get(dossierId, linkId);
  }

  @PatchMapping("/{linkId}")
  LinkView change(
      @PathVariable long dossierId,
      @PathVariable long linkId,
      @Valid @RequestBody ChangeLinkRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return links.change(
        dossierId,
        linkId,
        new LinkChanges(request.limitedTo(), request.accessLevel(), request.holder()),
        me.actor());
  }

  /** Withdraws the access (kept as history). A holder's access cannot be withdrawn: 403. */
  @DeleteMapping("/{linkId}")
  LinkView withdraw(
      @PathVariable long dossierId,
      @PathVariable long linkId,
      @AuthenticationPrincipal StaffPrincipal me) {
    return links.withdraw(dossierId, linkId, me.actor());
  }

  /** Revokes the document store (GED) alone. */
  @DeleteMapping("/{linkId}/ged-access")
  LinkView revokeGed(
      @PathVariable long dossierId,
      @PathVariable long linkId,
      @AuthenticationPrincipal StaffPrincipal me) {
    return links.revokeGed(dossierId, linkId, me.actor());
  }

  @PutMapping("/{linkId}/ged-access")
  LinkView restoreGed(
      @PathVariable long dossierId,
      @PathVariable long linkId,
      @AuthenticationPrincipal StaffPrincipal me) {
    return links.restoreGed(dossierId, linkId, me.actor());
  }

  record LinkRequest(
      @NotNull Long contactId,
      @Size(max = 100) @PlainText String limitedTo,
      AccessLevel accessLevel,
      Boolean holder) {}

  record ChangeLinkRequest(
      @Size(max = 100) @PlainText String limitedTo, AccessLevel accessLevel, Boolean holder) {}
}
