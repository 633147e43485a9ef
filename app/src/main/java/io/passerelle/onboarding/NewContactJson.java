package io.passerelle.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.passerelle.contact.NewContact;

/**
 * A new contact's details as the onboarding keeps them until the journey's step creates the contact
 * ({@code onboarding.new_contact}): JSON, written when the proposal is recorded, read by the step.
 */
final class NewContactJson {

  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private NewContactJson() {}

  static String write(NewContact contact) {
    try {
      return JSON.writeValueAsString(contact);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the new contact's data", e);
    }
  }

  static NewContact read(String json) {
    try {
      return JSON.readValue(json, NewContact.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read the new contact's data", e);
    }
  }
}
