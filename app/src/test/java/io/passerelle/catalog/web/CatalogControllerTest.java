package io.passerelle.catalog.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.catalog.CatalogErrors;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferDefinition;
import io.passerelle.catalog.OfferView;
import io.passerelle.catalog.RoleView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.microsoft.Identity;
import io.passerelle.staff.StaffErrors;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
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
 * {@code /api/offers} and {@code /api/organisational-roles} in the web slice, the catalogue mocked:
 * the security chain, Bean Validation of an offer and a role, the parameters' binding, what reaches
 * the catalogue (the path's code over the body's), the answers' status, location and JSON, and the
 * catalogue's refusals as problem+json. Who may change the catalogue and what a change does are
 * tested with the whole application ({@code staff.StaffAndCatalogApiTest}).
 */
@WebSliceTest
class CatalogControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final Actor.Staff ANNE = new Actor.Staff(1, "anne.roux", true);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired CatalogService catalog;

  @Test
  @DisplayName("without credentials: 401 problem+json; the catalogue not asked")
  void signInRequired() throws Exception {
    mvc.perform(
            post("/api/offers")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(offer())))
        .andExpect(WebSlices.signInRequired());
    mvc.perform(get("/api/organisational-roles").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(catalog);
  }

  @Test
  @DisplayName("an offer without name nor description, a long widget code, a line break: 400")
  void invalidOffer() throws Exception {
    var body = offer();
    body.remove("name");
    body.put("description", " ");
    body.put("widgetCode", "W".repeat(61));
    body.put("widgetName", "Widget\nBcc");
    body.put("code", "C".repeat(41));
    send(post("/api/offers"), body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("name", "REQUIRED"))
        .andExpect(WebSlices.fieldError("description", "REQUIRED"))
        .andExpect(WebSlices.fieldError("widgetCode", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("widgetName", "CONTROL_CHARACTER"))
        .andExpect(WebSlices.fieldError("code", "TOO_LONG"));
    verifyNoInteractions(catalog);
  }

  @Test
  @DisplayName("an identity that is none of the catalogue's: 400 naming the field")
  void unknownIdentity() throws Exception {
    var body = offer();
    body.put("identity", "GOOGLE");
    send(post("/api/offers"), body)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
        .andExpect(jsonPath("$.errors[0].field").value("identity"));
    verifyNoInteractions(catalog);
  }

  @Test
  @DisplayName("a valid offer goes to the catalogue by the member: 201, its location and JSON")
  void createOffer() throws Exception {
    when(catalog.createOffer(any(), any())).thenReturn(view("START"));

    send(post("/api/offers"), offer())
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/offers/START"))
        .andExpect(jsonPath("$.code").value("START"))
        .andExpect(jsonPath("$.widget.code").value("ged"));
    verify(catalog).createOffer(definition("START"), ANNE);
  }

  @Test
  @DisplayName("redefining an offer: the path's code, not the body's; an unknown code is a 404")
  void defineOffer() throws Exception {
    when(catalog.defineOffer(any(), any())).thenReturn(view("START"));
    when(catalog.offer("NONE"))
        .thenThrow(DomainException.notFound(CatalogErrors.OFFER_NOT_FOUND, "no offer"));

    send(put("/api/offers/START"), offer("OTHER")).andExpect(status().isOk());
    verify(catalog).defineOffer(definition("START"), ANNE);

    send(put("/api/offers/NONE"), offer())
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("OFFER_NOT_FOUND"));
    verify(catalog, never()).defineOffer(definition("NONE"), ANNE);
  }

  @Test
  @DisplayName("a role without code nor label, or a label too long: 400; nothing created")
  void invalidRole() throws Exception {
    send(post("/api/organisational-roles"), Map.of("label", " "))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("code", "REQUIRED"))
        .andExpect(WebSlices.fieldError("label", "REQUIRED"));
    send(patch("/api/organisational-roles/3"), Map.of("label", "L".repeat(101)))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("label", "TOO_LONG"));
    verifyNoInteractions(catalog);
  }

  @Test
  @DisplayName("a role created (201 and its location) and renamed, by the member")
  void roles() throws Exception {
    when(catalog.createRole(any(), any(), any()))
        .thenReturn(new RoleView(3, "GERANT", "Gérant", true));
    when(catalog.updateRole(3, "Co-gérant", false, ANNE))
        .thenReturn(new RoleView(3, "GERANT", "Co-gérant", false));

    send(post("/api/organisational-roles"), Map.of("code", "GERANT", "label", "Gérant"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/organisational-roles/3"))
        .andExpect(jsonPath("$.label").value("Gérant"));
    verify(catalog).createRole("GERANT", "Gérant", ANNE);

    send(patch("/api/organisational-roles/3"), Map.of("label", "Co-gérant", "active", false))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.active").value(false));
  }

  @Test
  @DisplayName("a role id that is no number: 400 INVALID_PARAMETER; a code taken: 409")
  void refusals() throws Exception {
    when(catalog.createRole(any(), any(), any()))
        .thenThrow(DomainException.conflict(CommonErrors.ROLE_CODE_TAKEN, "code", "taken"));

    mvc.perform(get("/api/organisational-roles/trois").with(user(ADMIN)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    send(post("/api/organisational-roles"), Map.of("code", "GERANT", "label", "Gérant"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("ROLE_CODE_TAKEN"));
  }

  @Test
  @DisplayName("a member who is not the administrator: 403 problem+json ADMINISTRATOR_ONLY")
  void administratorOnly() throws Exception {
    when(catalog.createOffer(any(), any()))
        .thenThrow(DomainException.forbidden(StaffErrors.ADMINISTRATOR_ONLY, "admin only"));

    send(post("/api/offers"), offer())
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
  }

  private ResultActions send(MockHttpServletRequestBuilder request, Object body) throws Exception {
    return mvc.perform(WebSlices.asJson(request, ADMIN, json.writeValueAsString(body)));
  }

  private static Map<String, Object> offer() {
    return offer("START");
  }

  private static Map<String, Object> offer(String code) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("name", "Start");
    body.put("description", "L'essentiel");
    body.put("free", true);
    body.put("consultGed", true);
    body.put("widgetCode", "ged");
    body.put("widgetName", "GED");
    body.put("identity", "MICROSOFT");
    return body;
  }

  private static OfferDefinition definition(String code) {
    return new OfferDefinition(
        code,
        "Start",
        "L'essentiel",
        true,
        true,
        false,
        false,
        false,
        "ged",
        "GED",
        null,
        Identity.MICROSOFT);
  }

  private static OfferView view(String code) {
    return new OfferView(
        1,
        code,
        "Start",
        "L'essentiel",
        true,
        true,
        false,
        false,
        false,
        new OfferView.Widget("ged", "GED"),
        true,
        Identity.MICROSOFT);
  }
}
