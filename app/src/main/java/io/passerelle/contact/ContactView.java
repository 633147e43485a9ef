package io.passerelle.contact;

import io.passerelle.account.AccountStatus;
import java.time.Instant;

/** A contact with its organisational role and the state of its client account. */
public record ContactView(
    long id,
    String firstName,
    String lastName,
    String companyName,
    String nameComplement,
    SubscriberType subscriberType,
    AdvisorType advisorType,
    String email,
    boolean emailInvalid,
    String phone,
    Role organisationalRole,
    boolean consultationOnly,
    Language language,
    ContactStatus status,
    Account account,
    Instant createdAt) {

  public record Role(String code, String label) {}

  /** The account (null id = none yet, NOT_INVITED); the colour is derived from the status. */
  public record Account(Long id, AccountStatus status, AccountStatus.Colour colour, String label) {}

  public String displayName() {
    String person =
        ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    return person.isEmpty() ? companyName : person;
  }
}
