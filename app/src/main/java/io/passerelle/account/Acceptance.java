package io.passerelle.account;

/** A client used their link: the account is ACTIVE. */
public record Acceptance(long accountId, long contactId, long invitationId, Long onboardingId) {}
