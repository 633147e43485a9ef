package io.passerelle.account;

/**
 * @param created false when the live invitation of the same onboarding was returned
 */
public record IssuedInvitation(InvitationView invitation, boolean created) {}
