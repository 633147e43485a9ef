package io.passerelle.contact.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkChanges;
import io.passerelle.contact.LinkResult;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.LinkView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/dossiers/{id}/links} in the web slice, the link service mocked: the security chain,
 * Bean Validation of a new access and of a change, the parameters' binding, what reaches the
 * service by whom, 201 or 200 with the Location, the service's refusals as problem+json. Who may
 * give access and the holder's rules are tested with the whole application ({@code
 * DossierAccessApiTest}).
 */
@WebSliceTest
class DossierLinkControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired DossierLinkService links;

  @Test
  @DisplayName("without credentials: 401 problem+json; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/dossiers/41/links").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(links);
  }

  @Test
  @DisplayName(
      "a new access without its contact, its scope over 100 characters or on two lines: 400"
          + " field errors")
  void newAccessInvalid() throws Exception {
    mvc.perform(
            WebSlices.asJson(
                post("/api/dossiers/41/links"),
                MANAGER,
                "{\"limitedTo\":\"" + "P".repeat(101) + "\"}"))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("contactId", "REQUIRED"))
        .andExpect(WebSlices.fieldError("limitedTo", "TOO_LONG"));
    mvc.perform(
            WebSlices.asJson(
                patch("/api/dossiers/41/links/5"), MANAGER, "{\"limitedTo\":\"Paie\\nBanque\"}"))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("limitedTo", "CONTROL_CHARACTER"));
    verifyNoInteractions(links);
  }

  @Test
  @DisplayName("an access level unknown or withdrawn=yes: 400 problem+json, the service not asked")
  void badValues() throws Exception {
    mvc.perform(
            WebSlices.asJson(
                post("/api/dossiers/41/links"),
                MANAGER,
                "{\"contactId\":5,\"accessLevel\":\"ADMIN\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(
            get("/api/dossiers/41/links")
                .param("includeWithdrawn", "oui")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    verifyNoInteractions(links);
  }

  @Test
  @DisplayName("the dossier's accesses, the withdrawn ones when asked")
  void list() throws Exception {
    when(links.forDossier(41, true)).thenReturn(List.of(link(5)));

    mvc.perform(
            get("/api/dossiers/41/links")
                .param("includeWithdrawn", "true")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value(5))
        .andExpect(jsonPath("$[0].limitedTo").value("Paie"));
    verify(links).forDossier(41, true);
  }

  @Test
  @DisplayName(
      "a new access by the member signed in, not a holder unless said: 201 with its Location and"
          + " the notice; an access already there: 200")
  void granted() throws Exception {
    when(links.link(anyLong(), anyLong(), any(), any()))
        .thenReturn(new LinkResult(link(5), true, LinkResult.Notice.INVITATION_NEEDED));

    mvc.perform(
            WebSlices.asJson(
                post("/api/dossiers/41/links"),
                MANAGER,
                "{\"contactId\":73,\"limitedTo\":\"Paie\",\"accessLevel\":\"READ_WRITE\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/dossiers/41/links/5"))
        .andExpect(jsonPath("$.notice").value("INVITATION_NEEDED"))
        .andExpect(jsonPath("$.link.id").value(5));
    verify(links).link(41, 73, new LinkTerms("Paie", AccessLevel.READ_WRITE, false), CLAIRE);

    when(links.link(anyLong(), anyLong(), any(), any()))
        .thenReturn(new LinkResult(link(5), false, LinkResult.Notice.NONE));
    mvc.perform(WebSlices.asJson(post("/api/dossiers/41/links"), MANAGER, "{\"contactId\":73}"))
        .andExpect(status().isOk())
        .andExpect(header().string("Location", "/api/dossiers/41/links/5"));
  }

  @Test
  @DisplayName("a change: what is not sent stays unchanged (null) for the service")
  void changed() throws Exception {
    when(links.change(anyLong(), anyLong(), any(), any())).thenReturn(link(5));

    mvc.perform(
            WebSlices.asJson(
                patch("/api/dossiers/41/links/5"), MANAGER, "{\"accessLevel\":\"READ_ONLY\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(5));
    verify(links).change(41, 5, new LinkChanges(null, AccessLevel.READ_ONLY, null), CLAIRE);
  }

  @Test
  @DisplayName(
      "the GED revoked (DELETE) and restored (PUT) alone; a holder's access withdrawn: 403"
          + " HOLDER_ACCESS_PERMANENT")
  void gedAndWithdrawal() throws Exception {
    when(links.revokeGed(41, 5, CLAIRE)).thenReturn(link(5));
    when(links.restoreGed(41, 5, CLAIRE)).thenReturn(link(5));
    when(links.withdraw(41, 5, CLAIRE))
        .thenThrow(
            DomainException.forbidden(ContactErrors.HOLDER_ACCESS_PERMANENT, "A holder stays."));

    mvc.perform(
            delete("/api/dossiers/41/links/5/ged-access")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isOk());
    verify(links).revokeGed(41, 5, CLAIRE);
    mvc.perform(
            put("/api/dossiers/41/links/5/ged-access")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isOk());
    verify(links).restoreGed(41, 5, CLAIRE);

    mvc.perform(
            delete("/api/dossiers/41/links/5")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("HOLDER_ACCESS_PERMANENT"));
  }

  static LinkView link(long id) {
    return new LinkView(
        id,
        41,
        73,
        "Paie",
        AccessLevel.READ_WRITE,
        true,
        null,
        false,
        Instant.parse("2026-11-30T10:00:00Z"),
        null);
  }
}
