package io.passerelle.staff;

import io.passerelle.domain.Actor;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in staff member, for pages (session) and the API (HTTP Basic) alike. */
public final class StaffPrincipal implements UserDetails, SignedInStaff {

  private static final long serialVersionUID = 1L;

  private final StaffView staff;
  private final String passwordHash;

  public StaffPrincipal(StaffView staff, String passwordHash) {
    this.staff = staff;
    this.passwordHash = passwordHash;
  }

  @Override
  public StaffView staff() {
    return staff;
  }

  /** The actor the application services check and record. */
  public Actor actor() {
    return new Actor.Staff(staff.id(), staff.username(), staff.administrator());
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(staff.role().authority()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return staff.username();
  }

  @Override
  public boolean isEnabled() {
    return staff.active();
  }

  /** The staff member signed in on this request, or null (an open page, a client, a job). */
  public static StaffPrincipal current() {
    var authentication =
        org.springframework.security.core.context.SecurityContextHolder.getContext()
            .getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof StaffPrincipal p
        ? p
        : null;
  }
}
