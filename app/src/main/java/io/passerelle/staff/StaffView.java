package io.passerelle.staff;

import java.io.Serializable;

/**
 * A member of the firm as the other features and the API see them (never the password hash).
 * Serializable: a staff session keeps it in its principal ({@link StaffPrincipal}), and sessions in
 * the database (Spring Session JDBC) are serialized.
 */
public record StaffView(
    long id,
    String username,
    String email,
    String firstName,
    String lastName,
    StaffRole role,
    boolean active)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public String displayName() {
    return firstName + " " + lastName;
  }

  public boolean administrator() {
    return role == StaffRole.ADMIN;
  }
}
