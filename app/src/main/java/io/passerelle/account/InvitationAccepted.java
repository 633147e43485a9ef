package io.passerelle.account;

/**
 * Domain event, after an invitation was accepted and its account activated. The journey listens
 * (after commit) and publishes {@code client-activated} to the onboardings waiting for this
 * account.
 */
public record InvitationAccepted(
    long accountId, long contactId, long invitationId, Long onboardingId) {}
