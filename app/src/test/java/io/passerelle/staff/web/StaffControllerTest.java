package io.passerelle.staff.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.Actor;
import io.passerelle.staff.NewStaffMember;
import io.passerelle.staff.StaffChanges;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code /api/staff} in the web slice, the staff service mocked (by {@code @WebSliceTest}, the
 * chains ask it too): what the controller and the HTTP layer decide alone — the security chain,
 * Bean Validation of a new member and of a change, what reaches the service. Who may change the
 * staff, the username's and the password's rules and the last administrator are the service's,
 * tested with the whole application in {@code StaffAndCatalogApiTest} and {@code
 * StaffAuthAttackTest}.
 */
@WebSliceTest
class StaffControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Alice", "Durand", StaffRole.ADMIN);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;

  @Test
  @DisplayName("without credentials: 401 problem+json asking for HTTP Basic; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(
            post("/api/staff")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(newMember())))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(staff);
  }

  @Test
  @DisplayName("a new member without any field is a 400 with REQUIRED on each of the six")
  void requiredFields() throws Exception {
    var body = newMember();
    body.remove("username");
    body.put("email", " ");
    body.put("firstName", "");
    body.remove("lastName");
    body.remove("role");
    body.remove("password");
    var result = send(post("/api/staff"), body).andExpect(WebSlices.validationFailed());
    for (String field :
        new String[] {"username", "email", "firstName", "lastName", "role", "password"}) {
      result.andExpect(WebSlices.fieldError("" + field + "", "REQUIRED"));
    }
    verifyNoInteractions(staff);
  }

  @Test
  @DisplayName(
      "a new member's fields over their length, a bad e-mail, a line break in a name and a short"
          + " password are field errors")
  void invalidNewMember() throws Exception {
    var body = newMember();
    body.put("username", "u".repeat(65));
    body.put("email", "pas-un-email");
    body.put("firstName", "N".repeat(101));
    body.put("lastName", "Petit\r\nBcc: x@y.fr");
    body.put("password", "court");
    send(post("/api/staff"), body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("username", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("email", "INVALID_EMAIL"))
        .andExpect(WebSlices.fieldError("firstName", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("lastName", "CONTROL_CHARACTER"))
        .andExpect(WebSlices.fieldError("password", "TOO_SHORT"));
    verifyNoInteractions(staff);
  }

  @Test
  @DisplayName(
      "a change with an e-mail too long, names over their length or with a tab, a short password"
          + " is a 400 with their field errors")
  void invalidChanges() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", "a".repeat(250) + "@x.fr");
    body.put("firstName", "Nina\tPetit");
    body.put("lastName", "P".repeat(101));
    body.put("password", "court");
    send(patch("/api/staff/5"), body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("email", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("firstName", "CONTROL_CHARACTER"))
        .andExpect(WebSlices.fieldError("lastName", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("password", "TOO_SHORT"));
    verifyNoInteractions(staff);
  }

  @Test
  @DisplayName(
      "a valid new member goes to the service as typed, by the signed-in administrator: 201 and"
          + " its link")
  void createsThroughTheService() throws Exception {
    when(staff.create(any(), any()))
        .thenReturn(
            new StaffView(
                42, "nina.petit", "nina@firm.test", "Nina", "Petit", StaffRole.STAFF, true));

    send(post("/api/staff"), newMember())
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/staff/42"))
        .andExpect(jsonPath("$.id").value(42))
        .andExpect(jsonPath("$.username").value("nina.petit"));
    verify(staff)
        .create(
            eq(
                new NewStaffMember(
                    "nina.petit",
                    "nina@firm.test",
                    "Nina",
                    "Petit",
                    StaffRole.STAFF,
                    "un mot de passe long")),
            eq(new Actor.Staff(1, "alice.durand", true)));
  }

  @Test
  @DisplayName(
      "a valid change goes to the service for that member, only the fields sent, by the"
          + " administrator: 200")
  void updatesThroughTheService() throws Exception {
    when(staff.update(anyLong(), any(), any()))
        .thenReturn(
            new StaffView(
                5, "nina.petit", "nina@firm.test", "Nina", "Petit", StaffRole.STAFF, true));

    send(patch("/api/staff/5"), Map.of("role", "MANAGER", "active", false))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(5));
    verify(staff)
        .update(
            eq(5L),
            eq(new StaffChanges(null, null, null, StaffRole.MANAGER, false, null)),
            eq(new Actor.Staff(1, "alice.durand", true)));
  }

  private ResultActions send(MockHttpServletRequestBuilder request, Object body) throws Exception {
    return mvc.perform(WebSlices.asJson(request, ADMIN, json.writeValueAsString(body)));
  }

  private static Map<String, Object> newMember() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", "nina.petit");
    body.put("email", "nina@firm.test");
    body.put("firstName", "Nina");
    body.put("lastName", "Petit");
    body.put("role", "STAFF");
    body.put("password", "un mot de passe long");
    return body;
  }
}
