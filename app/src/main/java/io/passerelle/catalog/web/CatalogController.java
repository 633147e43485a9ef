package io.passerelle.catalog.web;

import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferDefinition;
import io.passerelle.catalog.OfferView;
import io.passerelle.catalog.RoleView;
import io.passerelle.microsoft.Identity;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/offers} and {@code /api/organisational-roles}: the administrator's catalogues. */
@RestController
class CatalogController {

  private final CatalogService catalog;

  CatalogController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/offers")
  List<OfferView> offers() {
    return catalog.offers();
  }

  @GetMapping("/api/offers/{code}")
  OfferView offer(@PathVariable String code) {
    return catalog.offer(code);
  }

  @PostMapping("/api/offers")
  ResponseEntity<OfferView> createOffer(
      @Valid @RequestBody OfferRequest request, @AuthenticationPrincipal StaffPrincipal me) {
    OfferView created = catalog.createOffer(request.definition(request.code()), me.actor());
    return ResponseEntity.created(URI.create("/api/offers/" + created.code())).body(created);
  }

  @PutMapping("/api/offers/{code}")
  OfferView defineOffer(
      @PathVariable String code,
      @Valid @RequestBody OfferRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    catalog.offer(code);
    return catalog.defineOffer(request.definition(code), me.actor());
  }

  @GetMapping("/api/organisational-roles")
  List<RoleView> roles() {
    return catalog.roles();
  }

  @GetMapping("/api/organisational-roles/{id}")
  RoleView role(@PathVariable long id) {
    return catalog.role(id);
  }

  @PostMapping("/api/organisational-roles")
  ResponseEntity<RoleView> createRole(
      @Valid @RequestBody CreateRoleRequest request, @AuthenticationPrincipal StaffPrincipal me) {
    RoleView created = catalog.createRole(request.code(), request.label(), me.actor());
    return ResponseEntity.created(URI.create("/api/organisational-roles/" + created.id()))
        .body(created);
  }

  @PatchMapping("/api/organisational-roles/{id}")
  RoleView updateRole(
      @PathVariable long id,
      @Valid @RequestBody UpdateRoleRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return catalog.updateRole(id, request.label(), request.active(), me.actor());
  }

  record OfferRequest(
      @Size(max = 40) String code,
      @NotBlank @Size(max = 100) @PlainText String name,
      @NotBlank @Size(max = 1000) String description,
      boolean free,
      boolean consultGed,
      boolean uploadDocuments,
      boolean mobileDashboard,
      boolean productionFileAccess,
      @NotBlank @Size(max = 60) String widgetCode,
      @NotBlank @Size(max = 100) @PlainText String widgetName,
      Boolean active,
      Identity identity) {

    OfferDefinition definition(String code) {
      return new OfferDefinition(
          code,
          name,
          description,
          free,
          consultGed,
          uploadDocuments,
          mobileDashboard,
          productionFileAccess,
          widgetCode,
          widgetName,
          active,
          identity);
    }
  }

  record CreateRoleRequest(
      @NotBlank @Size(max = 40) String code, @NotBlank @Size(max = 100) @PlainText String label) {}

  record UpdateRoleRequest(@Size(max = 100) @PlainText String label, Boolean active) {}
}
