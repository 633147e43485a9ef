package io.passerelle.staff;

/**
 * The firm's setting {@code passerelle.security.staff-visibility}: which dossiers a member who is
 * not the office administrator sees.
 */
public enum StaffVisibility {
  /**
   * The default: STAFF see the dossiers they are assigned to; MANAGERS the dossiers they manage and
   * those they are assigned to.
   */
  ASSIGNED,
  /** Every member sees every dossier (the firm's choice; write rules do not change). */
  ALL
}
