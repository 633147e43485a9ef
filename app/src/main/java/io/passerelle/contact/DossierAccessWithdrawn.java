package io.passerelle.contact;

import io.passerelle.domain.Actor;

/**
 * Domain event, inside the withdrawing transaction: a contact lost access to a dossier. The
 * collaboration feature revokes the contact's services on it.
 */
public record DossierAccessWithdrawn(long dossierId, long contactId, Actor actor) {}
