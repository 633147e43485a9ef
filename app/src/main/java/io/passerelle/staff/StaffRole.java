package io.passerelle.staff;

/** What a member of the firm may do in Passerelle. */
public enum StaffRole {
  /** The office administrator: configures offers, organisational roles and staff. */
  ADMIN,
  /** A manager (chargé de dossier): manages dossiers and their external access. */
  MANAGER,
  /** Other staff: work on the dossiers they are assigned to. */
  STAFF;

  /** The Spring Security authority, {@code ROLE_ADMIN} etc. */
  public String authority() {
    return "ROLE_" + name();
  }
}
