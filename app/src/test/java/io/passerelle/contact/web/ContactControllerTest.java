package io.passerelle.contact.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/contacts} in the web slice, the contact services mocked: what the controller and the
 * HTTP layer decide alone — the security chain, Bean Validation of a new contact and the
 * problem+json it gives, what reaches the service. The firm's rules (an e-mail taken, the role's
 * catalogue, advisor types, a name required) are the service's, tested with the whole application
 * in {@code ContactApiTest}.
 */
@WebSliceTest
class ContactControllerTest {

  static final StaffPrincipal STAFF = WebSlices.member(9, "Paul", "Bernard", StaffRole.STAFF);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;

  @Test
  @DisplayName("without credentials: 401 problem+json asking for HTTP Basic; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/contacts").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(contacts, links);
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"jean", "jean@example", "jean dupont@example.fr", "<b>@example.fr"})
  @DisplayName("a malformed e-mail is a 400 with the field error INVALID_EMAIL")
  void badEmail(String email) throws Exception {
    create(contact(email))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("email", "INVALID_EMAIL"));
    verifyNoInteractions(contacts);
  }

  @Test
  @DisplayName("a missing e-mail, organisational role and subscriber type are 400 REQUIRED each")
  void requiredFields() throws Exception {
    var body = contact(null);
    body.remove("organisationalRoleCode");
    body.remove("subscriberType");
    create(body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("email", "REQUIRED"))
        .andExpect(WebSlices.fieldError("organisationalRoleCode", "REQUIRED"))
        .andExpect(WebSlices.fieldError("subscriberType", "REQUIRED"));
    verifyNoInteractions(contacts);
  }

  @Test
  @DisplayName("names over their length and line breaks in names are field errors")
  void fieldsTooLong() throws Exception {
    var body = contact("jean.dupont@example.fr");
    body.put("firstName", "J".repeat(101));
    body.put("companyName", "C".repeat(201));
    body.put("lastName", "Dupont\r\nBcc: x@y.fr");
    create(body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("firstName", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("companyName", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("lastName", "CONTROL_CHARACTER"));
    verifyNoInteractions(contacts);
  }

  @Test
  @DisplayName("an advisor type that does not exist is a 400 INVALID_VALUE on advisorType")
  void unknownAdvisorType() throws Exception {
    var body = contact("conseil@example.fr");
    body.put("subscriberType", "ADVISOR");
    body.put("advisorType", "NOTAIRE");
    create(body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("advisorType"))
        .andExpect(jsonPath("$.errors[0].code").value("INVALID_VALUE"));
    verifyNoInteractions(contacts);
  }

  @Test
  @DisplayName(
      "a valid contact goes to the service as typed, by the signed-in member: 201 and its link")
  void createsThroughTheService() throws Exception {
    when(contacts.create(any(), any())).thenReturn(view(52, "jean.dupont@example.fr"));

    create(contact("jean.dupont@example.fr"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/contacts/52"))
        .andExpect(jsonPath("$.id").value(52))
        .andExpect(jsonPath("$.email").value("jean.dupont@example.fr"));
    verify(contacts)
        .create(
            eq(
                new NewContact(
                    "Jean",
                    "Dupont",
                    null,
                    null,
                    SubscriberType.CLIENT,
                    null,
                    "jean.dupont@example.fr",
                    "+33 6 12 34 56 78",
                    "DIRIGEANT",
                    true,
                    null)),
            eq(new Actor.Staff(9, "paul.bernard", false)));
  }

  private ResultActions create(Map<String, Object> body) throws Exception {
    return mvc.perform(
        WebSlices.asJson(post("/api/contacts"), STAFF, json.writeValueAsString(body)));
  }

  private static Map<String, Object> contact(String email) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("firstName", "Jean");
    body.put("lastName", "Dupont");
    body.put("subscriberType", "CLIENT");
    body.put("email", email);
    body.put("phone", "+33 6 12 34 56 78");
    body.put("organisationalRoleCode", "DIRIGEANT");
    body.put("consultationOnly", true);
    return body;
  }

  private static ContactView view(long id, String email) {
    return new ContactView(
        id,
        "Jean",
        "Dupont",
        null,
        null,
        SubscriberType.CLIENT,
        null,
        email,
        false,
        "+33 6 12 34 56 78",
        new ContactView.Role("DIRIGEANT", "Dirigeant"),
        true,
        null,
        ContactStatus.ACTIVE,
        null,
        Instant.parse("2026-12-01T10:00:00Z"));
  }
}
