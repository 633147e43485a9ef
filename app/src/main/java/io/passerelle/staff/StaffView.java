package io.passerelle.staff;

/** A member of the firm as the other features and the API see them (never the password hash). */
public record StaffView(
    long id,
    String username,
    String email,
    String firstName,
    String lastName,
    StaffRole role,
    boolean active) {

  public String displayName() {
    return firstName + " " + lastName;
  }

  public boolean administrator() {
    return role == StaffRole.ADMIN;
  }
}
