package io.passerelle.account;

/** A live link that a change made unusable (e-mail changed, contact deactivated). */
public record KilledInvitation(long invitationId, Long onboardingId, InvitationStatus newStatus) {}
