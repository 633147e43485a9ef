package io.passerelle.dossiercreation;

/** What the company registry said of a request's SIRET. */
public enum RegistryOutcome {
  /** known, establishment active */
  FOUND,
  /** known, establishment closed: the staff member confirms before the dossier is made */
  CLOSED,
  /** unknown to the registry */
  NOT_FOUND
}
