package io.passerelle.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.account.IssueInvitation;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** Seed 003's rules on external access, through {@code /api/dossiers/{id}/links}. */
@PasserelleSpringTest
class DossierAccessApiTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired AccountService accounts;
  @Autowired InvitationService invitations;
  Fixtures fixtures;
  DossierView dossier;

  @BeforeEach
  void dossier() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
    dossier = fixtures.dossier(Api.MANAGER);
  }

  Api as(String user) {
    return Api.as(mvc, json, user);
  }

  String linksOf() {
    return "/api/dossiers/" + dossier.id() + "/links";
  }

  @Test
  @DisplayName(
      "the dossier's manager gives a contact access to the whole dossier: 201, invitation needed")
  void managerGrantsAccess() throws Exception {
    var contact = fixtures.contact(SubscriberType.CLIENT);
    as(Api.MANAGER)
        .post(
            linksOf(),
            Map.of("contactId", contact.id(), "accessLevel", "READ_WRITE", "holder", true))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.created").value(true))
        .andExpect(jsonPath("$.notice").value("INVITATION_NEEDED"))
        .andExpect(jsonPath("$.link.limitedTo").doesNotExist())
        .andExpect(jsonPath("$.link.accessLevel").value("READ_WRITE"))
        .andExpect(jsonPath("$.link.gedAccess").value(true))
        .andExpect(jsonPath("$.link.holder").value(true));
    as(Api.MANAGER)
        .post(linksOf(), Map.of("contactId", contact.id()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").value(false))
        .andExpect(jsonPath("$.notice").value("NONE"));
    as(Api.STAFF)
        .get("/api/activity?dossierId=" + dossier.id() + "&type=ACCESS_GRANTED")
        .andExpect(jsonPath("$.page.totalElements").value(1));
  }

  @Test
  @DisplayName("another manager gets 403 EXTERNAL_ACCESS_MANAGER_ONLY naming the dossier's manager")
  void anotherManagerIsRefused() throws Exception {
    var contact = fixtures.contact(SubscriberType.FAMILY_MEMBER);
    as(Api.OTHER_MANAGER)
        .post(linksOf(), Map.of("contactId", contact.id()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("EXTERNAL_ACCESS_MANAGER_ONLY"))
        .andExpect(jsonPath("$.detail").value(containsString("Claire Martin (claire.martin)")))
        .andExpect(jsonPath("$.detail").value(containsString("office administrator")));
  }

  @Test
  @DisplayName("assigned staff who are not the manager get 403 too; the administrator may")
  void staffRefusedAdministratorAllowed() throws Exception {
    var contact = fixtures.contact(SubscriberType.EMPLOYEE);
    as(Api.STAFF)
        .post(linksOf(), Map.of("contactId", contact.id()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("EXTERNAL_ACCESS_MANAGER_ONLY"));
    as(Api.ADMIN)
        .post(linksOf(), Map.of("contactId", contact.id()))
        .andExpect(status().isCreated());
  }

  @Test
  @DisplayName(
      "a holder's access can never be withdrawn, not even by the administrator; an advisor's can")
  void holderPermanentAdvisorWithdrawable() throws Exception {
    var holder = fixtures.contact(SubscriberType.CLIENT);
    var advisor = fixtures.contact(SubscriberType.ADVISOR);
    long holderLink = fixtures.link(dossier.id(), holder.id(), true, AccessLevel.READ_WRITE).id();
    long advisorLink = fixtures.link(dossier.id(), advisor.id(), false, AccessLevel.READ_ONLY).id();

    as(Api.ADMIN)
        .delete(linksOf() + "/" + holderLink)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("HOLDER_ACCESS_PERMANENT"));
    as(Api.MANAGER)
        .patch(linksOf() + "/" + holderLink, Map.of("holder", false))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("HOLDER_ACCESS_PERMANENT"));
    as(Api.OTHER_MANAGER).delete(linksOf() + "/" + advisorLink).andExpect(status().isForbidden());
    as(Api.MANAGER)
        .delete(linksOf() + "/" + advisorLink)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.withdrawnAt").isNotEmpty());
    as(Api.MANAGER)
        .get(linksOf() + "?includeWithdrawn=true")
        .andExpect(jsonPath("$.length()").value(2));
    as(Api.MANAGER).get(linksOf()).andExpect(jsonPath("$.length()").value(1));
  }

  @Test
  @DisplayName("GED access is revoked on its own; the rest of the access stays; restored later")
  void gedRevocation() throws Exception {
    var advisor = fixtures.contact(SubscriberType.ADVISOR);
    long link = fixtures.link(dossier.id(), advisor.id(), false, AccessLevel.READ_WRITE).id();
    as(Api.STAFF).delete(linksOf() + "/" + link + "/ged-access").andExpect(status().isForbidden());
    as(Api.MANAGER)
        .delete(linksOf() + "/" + link + "/ged-access")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.gedAccess").value(false))
        .andExpect(jsonPath("$.accessLevel").value("READ_WRITE"))
        .andExpect(jsonPath("$.withdrawnAt").doesNotExist());
    as(Api.MANAGER)
        .put(linksOf() + "/" + link + "/ged-access", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.gedAccess").value(true));
  }

  @Test
  @DisplayName(
      "a limited scope and a level change are recorded; a consultation-only contact stays READ_ONLY")
  void changeAccess() throws Exception {
    var contact =
        contacts.create(
            new NewContact(
                "Léa",
                "Roux",
                null,
                null,
                SubscriberType.FAMILY_MEMBER,
                null,
                io.passerelle.support.TestData.email("lea"),
                null,
                "CONJOINT",
                true,
                Language.en),
            Fixtures.SYSTEM);
    as(Api.MANAGER)
        .post(linksOf(), Map.of("contactId", contact.id(), "accessLevel", "READ_WRITE"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("CONSULTATION_ONLY_CONTACT"));
    var created =
        as(Api.MANAGER)
            .read(
                as(Api.MANAGER)
                    .post(
                        linksOf(), Map.of("contactId", contact.id(), "limitedTo", "Exercice 2026"))
                    .andExpect(status().isCreated()));
    long link = created.at("/link/id").asLong();
    as(Api.MANAGER)
        .patch(linksOf() + "/" + link, Map.of("limitedTo", ""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.limitedTo").doesNotExist());
  }

  @Test
  @DisplayName(
      "a contact whose account is active gets a 'new access' notice, not a new invitation (seed 003)")
  void activeAccountGetsNewAccessNotice() throws Exception {
    var client = fixtures.contact(SubscriberType.CLIENT);
    var account = accounts.findOrCreate(client.id(), client.email(), Fixtures.SYSTEM);
    var issued =
        invitations.issue(
            new IssueInvitation(
                account.id(), null, null, null, fixtures.staffId(Api.MANAGER), null, null),
            Fixtures.SYSTEM);
    invitations.accept(invitations.token(issued.invitation().id()), "un mot de passe solide");
    long before = jdbc.queryForObject("select count(*) from invitation", Long.class);

    as(Api.MANAGER)
        .post(linksOf(), Map.of("contactId", client.id()))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.notice").value("NEW_ACCESS_NOTICE"));
    assertThat(jdbc.queryForObject("select count(*) from invitation", Long.class))
        .isEqualTo(before);
  }

  @Test
  @DisplayName("only a client can hold a dossier: 422 HOLDER_MUST_BE_CLIENT for an advisor")
  void holderMustBeClient() throws Exception {
    var advisor = fixtures.contact(SubscriberType.ADVISOR);
    as(Api.MANAGER)
        .post(linksOf(), Map.of("contactId", advisor.id(), "holder", true))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("HOLDER_MUST_BE_CLIENT"));
  }
}
