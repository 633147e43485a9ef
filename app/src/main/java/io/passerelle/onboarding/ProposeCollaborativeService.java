package io.passerelle.onboarding;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.NewContact;

/**
 * "Propose a collaborative service" (seed 001): the command that starts a client onboarding.
 *
 * @param contactId an existing contact, or null with {@code newContact}
 * @param newContact the data of a new contact (the one with that e-mail is reused), or null with
 *     {@code contactId}
 * @param limitedTo the link's scope; null = the whole dossier (seed 001: leave "Limité à" at "-")
 * @param accessLevel null = READ_ONLY
 * @param holder the contact becomes a (co-)holder of the dossier, whose access is permanent
 * @param offerCode e.g. {@code START}
 * @param customMessage the firm's words in the invitation, optional
 * @param sendNow false = keep the invitation until staff say "send it now" (seed 002's Login box
 *     checked, notification not sent)
 */
public record ProposeCollaborativeService(
    long dossierId,
    Long contactId,
    NewContact newContact,
    String limitedTo,
    AccessLevel accessLevel,
    boolean holder,
    String offerCode,
    String customMessage,
    boolean sendNow) {}
