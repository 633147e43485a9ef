package io.passerelle.dossiercreation;

/** Where a dossier request stands. */
public enum DossierRequestStatus {
  /** the company registry is being asked (a SIRET was given) */
  LOOKING_UP,
  /** the staff member completes the company details (the task "Compléter les informations…") */
  DETAILS_NEEDED,
  /** the details are there: the dossier is being created */
  CREATING,
  /** the dossier exists ({@code dossierId}) */
  CREATED,
  /** another dossier of the firm has the SIRET ({@code existingDossierId}): nothing created */
  SIRET_ALREADY_USED
}
