package io.passerelle.contact;

import io.passerelle.account.AccountStatus;

/**
 * Which contacts to list; every field optional. {@code accountStatus} NOT_INVITED also lists those
 * who have no account yet. {@code q}: in the names or the e-mail.
 */
public record ContactFilter(
    String q,
    ContactStatus status,
    SubscriberType subscriberType,
    AccountStatus accountStatus,
    Boolean emailInvalid,
    Long dossierId) {}
