package io.passerelle.account;

/** Domain event: the mail server refused the invitation's address. The contact gets flagged. */
public record InvitationBounced(long invitationId, long accountId, long contactId) {}
