package io.passerelle.delegation;

import io.passerelle.contact.ContactView;
import io.passerelle.contact.LinkView;

/**
 * An advisor registered in a dossier, with their access, and the onboarding that invites them (null
 * when the manager invites them later).
 */
public record AdvisorRegistration(ContactView contact, LinkView link, Long onboardingId) {}
