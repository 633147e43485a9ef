package io.passerelle.contact;

/**
 * A partial change: null = unchanged; an empty string clears an optional text field. Changing the
 * e-mail while an invitation is pending kills the old link ({@link ContactEmailChanged}).
 */
public record ContactChanges(
    String firstName,
    String lastName,
    String companyName,
    String nameComplement,
    SubscriberType subscriberType,
    AdvisorType advisorType,
    String email,
    String phone,
    String organisationalRoleCode,
    Boolean consultationOnly,
    Language language) {}
