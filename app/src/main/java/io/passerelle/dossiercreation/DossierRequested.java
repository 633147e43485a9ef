package io.passerelle.dossiercreation;

/** A dossier request was stored: its process starts once the transaction has committed. */
record DossierRequested(long dossierRequestId) {}
