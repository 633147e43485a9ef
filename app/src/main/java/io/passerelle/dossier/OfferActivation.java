package io.passerelle.dossier;

/**
 * The outcome of activating an offer on a dossier.
 *
 * @param newlyActivated false when the offer was already on the dossier's tile (nothing changed)
 */
public record OfferActivation(
    long dossierId, DossierView.OfferOnDossier offer, boolean newlyActivated) {}
