package io.passerelle.delegation.web;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.delegation.AdvisorRegistration;
import io.passerelle.delegation.DelegatedInvitationService;
import io.passerelle.delegation.ExternalPermissions;
import io.passerelle.delegation.NewAdvisor;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/dossiers/{id}/advisors}: the dossier's manager registers an advisor with their type
 * (seed 003) and may invite them at once; {@code
 * /api/dossiers/{id}/contacts/{contactId}/permissions}: what an outside person may do on the
 * dossier. (Clients invite from their own space.)
 */
@RestController
class DelegatedInvitationController {

  private final DelegatedInvitationService delegation;

  DelegatedInvitationController(DelegatedInvitationService delegation) {
    this.delegation = delegation;
  }

  @PostMapping("/api/dossiers/{id}/advisors")
  ResponseEntity<AdvisorRegistration> registerAdvisor(
      @PathVariable long id,
      @Valid @RequestBody AdvisorRequest body,
      @AuthenticationPrincipal StaffPrincipal me) {
    AdvisorRegistration registered =
        delegation.registerAdvisor(
            id,
            new NewAdvisor(
                body.firstName(),
                body.lastName(),
                body.companyName(),
                body.advisorType(),
                body.email(),
                body.phone(),
                body.organisationalRoleCode()),
            body.accessLevel(),
            Boolean.TRUE.equals(body.invite()),
            body.offerCode(),
            body.customMessage(),
            body.sendNow() == null || body.sendNow(),
            me.actor());
    return ResponseEntity.created(
            URI.create("/api/dossiers/" + id + "/links/" + registered.link().id()))
        .body(registered);
  }

  @GetMapping("/api/dossiers/{id}/contacts/{contactId}/permissions")
  ExternalPermissions permissions(@PathVariable long id, @PathVariable long contactId) {
    return delegation.permissions(id, contactId);
  }

  record AdvisorRequest(
      @Size(max = 100) @PlainText String firstName,
      @Size(max = 100) @PlainText String lastName,
      @Size(max = 200) @PlainText String companyName,
      AdvisorType advisorType,
      @NotNull @Size(max = 254) String email,
      @Size(max = 30) @PlainText String phone,
      @Size(max = 40) String organisationalRoleCode,
      AccessLevel accessLevel,
      Boolean invite,
      @Size(max = 40) String offerCode,
      @Size(max = 2000) String customMessage,
      Boolean sendNow) {}
}
