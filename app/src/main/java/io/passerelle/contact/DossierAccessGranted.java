package io.passerelle.contact;

/**
 * Domain event: a contact was given access to a dossier. {@code accountActive}: the person already
 * signs in, so they get a "new access" notice, not an invitation (seed 003).
 */
public record DossierAccessGranted(
    long dossierId, long contactId, long linkId, boolean accountActive) {}
