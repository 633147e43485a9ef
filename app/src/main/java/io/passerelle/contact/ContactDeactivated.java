package io.passerelle.contact;

import io.passerelle.domain.Actor;

/**
 * Domain event, inside the deactivating transaction: the contact is deactivated or erased. The
 * collaboration feature ends the contact's live services; the journey may cancel its onboardings.
 */
public record ContactDeactivated(long contactId, boolean erased, Actor actor) {}
