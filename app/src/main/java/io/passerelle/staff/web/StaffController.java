package io.passerelle.staff.web;

import io.passerelle.staff.NewStaffMember;
import io.passerelle.staff.StaffChanges;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import io.passerelle.web.ApiPaging;
import io.passerelle.web.PlainText;
import io.passerelle.web.ValidEmail;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/staff}: the firm's staff; only the office administrator changes them. */
@RestController
@RequestMapping("/api/staff")
class StaffController {

  private static final Set<String> SORTABLE = Set.of("username", "lastName", "firstName", "role");

  private final StaffService staff;

  StaffController(StaffService staff) {
    this.staff = staff;
  }

  @GetMapping
  Page<StaffView> list(
      @RequestParam(required = false) StaffRole role,
      @RequestParam(required = false) Boolean active,
      @PageableDefault(sort = "username") Pageable pageable) {
    return staff.list(role, active, ApiPaging.check(pageable, SORTABLE));
  }

  /** Who am I. */
  @GetMapping("/me")
  StaffView me(@AuthenticationPrincipal StaffPrincipal me) {
    return staff.get(me.staff().id());
  }

  @GetMapping("/{id}")
  StaffView get(@PathVariable long id) {
    return staff.get(id);
  }

  @PostMapping
  ResponseEntity<StaffView> create(
      @Valid @RequestBody CreateStaffRequest request, @AuthenticationPrincipal StaffPrincipal me) {
    StaffView created =
        staff.create(
            new NewStaffMember(
                request.username(),
                request.email(),
                request.firstName(),
                request.lastName(),
                request.role(),
                request.password()),
            me.actor());
    return ResponseEntity.created(URI.create("/api/staff/" + created.id())).body(created);
  }

  @PatchMapping("/{id}")
  StaffView update(
      @PathVariable long id,
      @Valid @RequestBody UpdateStaffRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    return staff.update(
        id,
        new StaffChanges(
            request.email(),
            request.firstName(),
            request.lastName(),
            request.role(),
            request.active(),
            request.password()),
        me.actor());
  }

  record CreateStaffRequest(
      @NotBlank @Size(max = 64) String username,
      @NotBlank @Size(max = 254) @ValidEmail String email,
      @NotBlank @Size(max = 100) @PlainText String firstName,
      @NotBlank @Size(max = 100) @PlainText String lastName,
      @NotNull StaffRole role,
      // the upper limit (72 bytes in UTF-8), control characters and common passwords: the service
      @NotBlank @Size(min = 12) String password) {}

  record UpdateStaffRequest(
      @Size(max = 254) @ValidEmail String email,
      @Size(max = 100) @PlainText String firstName,
      @Size(max = 100) @PlainText String lastName,
      StaffRole role,
      Boolean active,
      @Size(min = 12) String password) {}
}
