package io.passerelle.dossiersetup.web;

import io.passerelle.dossiersetup.DocumentTreeView;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.DossierSetupView;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.dossiersetup.PartnerApplicationView;
import io.passerelle.staff.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The firm's catalogues ({@code /api/document-tree-templates}, {@code /api/partner-applications})
 * and a dossier's set-up ({@code /api/dossiers/{id}/setup}, its document tree and partner
 * applications).
 */
@RestController
class DossierSetupController {

  private final DossierSetupService setup;

  DossierSetupController(DossierSetupService setup) {
    this.setup = setup;
  }

  @GetMapping("/api/document-tree-templates")
  List<DocumentTreeTemplate> documentTrees() {
    return setup.documentTrees();
  }

  @GetMapping("/api/partner-applications")
  List<PartnerApplication> partnerApplications() {
    return setup.partnerApplications();
  }

  @GetMapping("/api/dossiers/{id}/setup")
  DossierSetupView forDossier(@PathVariable long id) {
    return setup.forDossier(id);
  }

  @PutMapping("/api/dossiers/{id}/document-tree")
  DocumentTreeView chooseDocumentTree(
      @PathVariable long id,
      @Valid @RequestBody DocumentTreeRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return setup.chooseDocumentTree(id, request.code(), me.actor());
  }

  /** Seed 004: "Autoriser l'accès", with the extra fields of automation applications. */
  @PutMapping("/api/dossiers/{id}/partner-applications/{code}")
  PartnerApplicationView setPartnerApplication(
      @PathVariable long id,
      @PathVariable String code,
      @Valid @RequestBody PartnerApplicationRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return setup.setPartnerApplication(
        id,
        new PartnerApplicationChoice(
            code, request.accessAllowed(), request.onClientPortal(), request.settings()),
        me.actor());
  }

  record DocumentTreeRequest(@NotBlank @Size(max = 40) String code) {}

  record PartnerApplicationRequest(
      boolean accessAllowed,
      boolean onClientPortal,
      @Size(max = 20) Map<String, String> settings) {}
}
