package io.passerelle.collaboration;

/**
 * The outcome of a proposal, as the journey's next gateway needs it.
 *
 * @param accountActive the contact already signs in: "new access" notice, no invitation
 * @param created false when the same proposal (same onboarding, or same live dossier + contact +
 *     offer) was found
 */
public record Proposal(
    ServiceView service, long accountId, boolean accountActive, boolean created) {}
