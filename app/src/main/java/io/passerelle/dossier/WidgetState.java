package io.passerelle.dossier;

/** The state of an offer's widget on the dossier's dashboard (seed 001, step 4). */
public enum WidgetState {
  /** activated offer, widget not yet initialised */
  NOT_INITIALISED,
  ENABLED,
  DISABLED
}
