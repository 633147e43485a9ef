package io.passerelle.portal;

import io.passerelle.account.AccountView;
import io.passerelle.domain.Actor;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A client signed in to their space, by their account. Kept in the session under the clients' own
 * attribute (never the staff's); the password hash is erased once the sign-in is checked.
 */
public final class ClientPrincipal implements UserDetails, CredentialsContainer {

  private static final long serialVersionUID = 1L;

  /** The one authority a client has; the staff chains never grant it. */
  public static final String AUTHORITY = "ROLE_CLIENT";

  private final long accountId;
  private final long contactId;
  private final String email;
  private final int sessionGeneration;
  private String passwordHash;

  ClientPrincipal(AccountView account, String passwordHash, int sessionGeneration) {
    this.accountId = account.id();
    this.contactId = account.contactId();
    this.email = account.email();
    this.passwordHash = passwordHash;
    this.sessionGeneration = sessionGeneration;
  }

  /** The account's session generation at sign-in ({@link ClientSessions#isCurrent}). */
  int sessionGeneration() {
    return sessionGeneration;
  }

  public long accountId() {
    return accountId;
  }

  public long contactId() {
    return contactId;
  }

  public String email() {
    return email;
  }

  /** The actor the application services check and record. */
  public Actor.Client actor() {
    return new Actor.Client(accountId);
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(AUTHORITY));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return email;
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }
}
