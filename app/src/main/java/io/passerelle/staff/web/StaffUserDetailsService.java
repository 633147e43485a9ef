package io.passerelle.staff.web;

import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Staff sign in with their username and password, from the {@code staff_member} table. */
@Component
class StaffUserDetailsService implements UserDetailsService {

  private final StaffService staff;

  StaffUserDetailsService(StaffService staff) {
    this.staff = staff;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return staff
        .credentials(username)
        .map(c -> new StaffPrincipal(c.staff(), c.passwordHash()))
        .orElseThrow(() -> new UsernameNotFoundException("no staff member " + username));
  }
}
