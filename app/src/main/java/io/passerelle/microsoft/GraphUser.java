package io.passerelle.microsoft;

import java.util.List;
import java.util.Locale;

/**
 * A user of the firm's tenant as Microsoft Graph v1.0 gives it ({@code $select=id,mail,otherMails,
 * userType,externalUserState}).
 *
 * @param userType {@code Member} or {@code Guest}
 * @param externalUserState for a guest: {@code PendingAcceptance} or {@code Accepted}; null for a
 *     member
 */
public record GraphUser(
    String id, String mail, List<String> otherMails, String userType, String externalUserState) {

  public GraphUser {
    otherMails = otherMails == null ? List.of() : List.copyOf(otherMails);
  }

  /** A member, or a guest who redeemed the invitation. */
  public boolean inTenant() {
    return !"Guest".equalsIgnoreCase(userType) || "Accepted".equalsIgnoreCase(externalUserState);
  }

  /** Whether this user carries the address (mail or one of otherMails, case ignored). */
  public boolean hasAddress(String email) {
    String wanted = email.strip().toLowerCase(Locale.ROOT);
    if (mail != null && mail.strip().toLowerCase(Locale.ROOT).equals(wanted)) {
      return true;
    }
    return otherMails.stream().anyMatch(m -> m.strip().toLowerCase(Locale.ROOT).equals(wanted));
  }
}
