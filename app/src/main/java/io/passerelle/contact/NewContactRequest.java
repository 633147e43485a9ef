package io.passerelle.contact;

import io.passerelle.web.PlainText;
import io.passerelle.web.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new contact's details as the API receives them (seed 000's form), checked field by field before
 * {@link ContactService} applies the firm's rules: creating a contact, or proposing a service to
 * one who does not exist yet.
 */
public record NewContactRequest(
    @Size(max = 100) @PlainText String firstName,
    @Size(max = 100) @PlainText String lastName,
    @Size(max = 200) @PlainText String companyName,
    @Size(max = 100) @PlainText String nameComplement,
    @NotNull SubscriberType subscriberType,
    AdvisorType advisorType,
    @NotBlank @Size(max = 254) @ValidEmail String email,
    @Size(max = 30) @PlainText String phone,
    @NotBlank @Size(max = 40) String organisationalRoleCode,
    Boolean consultationOnly,
    Language language) {

  public NewContact command() {
    return new NewContact(
        firstName,
        lastName,
        companyName,
        nameComplement,
        subscriberType,
        advisorType,
        email,
        phone,
        organisationalRoleCode,
        Boolean.TRUE.equals(consultationOnly),
        language);
  }
}
