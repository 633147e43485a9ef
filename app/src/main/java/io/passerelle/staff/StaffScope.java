package io.passerelle.staff;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who reads: the {@link Scope} of a staff member under the firm's setting {@code
 * passerelle.security.staff-visibility}. The services and read models ask {@link #current()}: the
 * staff member signed in on this request (API or pages); without one (a process step, a start-up
 * task, a client's own request) nothing is narrowed, those paths having their own rules.
 */
@Component
public class StaffScope {

  private final VisibilityProperties properties;

  public StaffScope(VisibilityProperties properties) {
    this.properties = properties;
  }

  public StaffVisibility setting() {
    return properties.staffVisibility();
  }

  /** The scope of this member. */
  public Scope of(StaffView member) {
    if (member.role() == StaffRole.ADMIN || properties.staffVisibility() == StaffVisibility.ALL) {
      return Scope.everything();
    }
    return member.role() == StaffRole.MANAGER
        ? Scope.managing(member.id())
        : Scope.assigned(member.id());
  }

  /** The scope of the staff member signed in on this request, or everything without one. */
  public Scope current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof SignedInStaff signedIn) {
      return of(signedIn.staff());
    }
    return Scope.everything();
  }
}
