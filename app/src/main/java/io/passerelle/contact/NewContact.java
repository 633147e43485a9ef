package io.passerelle.contact;

/**
 * A contact to create. The e-mail is required and unique in the firm (whatever its case); the
 * organisational role is required and must exist in the catalogue ({@code ROLE_MISSING}); advisors
 * say which kind of advisor. {@code language} null = fr.
 */
public record NewContact(
    String firstName,
    String lastName,
    String companyName,
    String nameComplement,
    SubscriberType subscriberType,
    AdvisorType advisorType,
    String email,
    String phone,
    String organisationalRoleCode,
    boolean consultationOnly,
    Language language) {}
