package io.passerelle.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.account.AccountService;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/contacts}: the interlocutors of seed 000, the firm's rules on them, deletion and
 * erasure (the fields' Bean Validation is in the web slice, {@code web.ContactControllerTest}).
 */
@PasserelleSpringTest
class ContactApiTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired AccountService accounts;
  Fixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  Api as(String user) {
    return Api.as(mvc, json, user);
  }

  static Map<String, Object> contact(String email) {
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

  @Test
  @DisplayName(
      "staff create a contact: role from the catalogue, account NOT_INVITED in grey, French by default")
  void createsAContact() throws Exception {
    String email = TestData.email("Jean.Dupont");
    as(Api.STAFF)
        .post("/api/contacts", contact(email))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.email").value(email))
        .andExpect(jsonPath("$.organisationalRole.code").value("DIRIGEANT"))
        .andExpect(jsonPath("$.organisationalRole.label").value("Dirigeant"))
        .andExpect(jsonPath("$.consultationOnly").value(true))
        .andExpect(jsonPath("$.language").value("fr"))
        .andExpect(jsonPath("$.status").value("ACTIVE"))
        .andExpect(jsonPath("$.account.status").value("NOT_INVITED"))
        .andExpect(jsonPath("$.account.colour").value("GREY"));
  }

  @Test
  @DisplayName(
      "an e-mail already used, in any case, is a 409 CONTACT_EMAIL_TAKEN and no second row")
  void duplicateEmailInAnyCase() throws Exception {
    String email = TestData.email("marie");
    as(Api.STAFF).post("/api/contacts", contact(email)).andExpect(status().isCreated());
    as(Api.MANAGER)
        .post("/api/contacts", contact("  " + email.toUpperCase() + " "))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("CONTACT_EMAIL_TAKEN"))
        .andExpect(jsonPath("$.errors[0].field").value("email"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from contact where lower(email) = lower(?)", Long.class, email))
        .isOne();
  }

  @Test
  @DisplayName(
      "a role that is not in the catalogue is a 422 ROLE_MISSING (the administrator creates it first)")
  void unknownRole() throws Exception {
    var body = contact(TestData.email("unknownrole"));
    body.put("organisationalRoleCode", "ASTRONAUTE");
    as(Api.STAFF)
        .post("/api/contacts", body)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("ROLE_MISSING"))
        .andExpect(jsonPath("$.errors[0].field").value("organisationalRoleCode"));
  }

  @Test
  @DisplayName("an advisor without advisor type, and a client with one, are field errors")
  void advisorType() throws Exception {
    var advisor = contact(TestData.email("advisor"));
    advisor.put("subscriberType", "ADVISOR");
    as(Api.STAFF)
        .post("/api/contacts", advisor)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("ADVISOR_TYPE_REQUIRED"));
    var client = contact(TestData.email("client"));
    client.put("advisorType", "NOTARY");
    as(Api.STAFF)
        .post("/api/contacts", client)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("ADVISOR_TYPE_NOT_ALLOWED"));
  }

  @Test
  @DisplayName("no name at all (first, last nor company) is a 400 NAME_REQUIRED")
  void nameRequired() throws Exception {
    var nameless = contact(TestData.email("nameless"));
    nameless.remove("firstName");
    nameless.remove("lastName");
    as(Api.STAFF)
        .post("/api/contacts", nameless)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("NAME_REQUIRED"));
  }

  @Test
  @DisplayName("markup in a name is stored as typed and escaped in the JSON")
  void markupInNames() throws Exception {
    var body = contact(TestData.email("markup"));
    body.put("lastName", "<img src=x onerror=alert(1)>");
    var result = as(Api.STAFF).post("/api/contacts", body).andExpect(status().isCreated());
    String raw = result.andReturn().getResponse().getContentAsString();
    assertThat(raw).doesNotContain("<img").contains("\\u003Cimg");
    long id = as(Api.STAFF).read(result).get("id").asLong();
    assertThat(jdbc.queryForObject("select last_name from contact where id = ?", String.class, id))
        .isEqualTo("<img src=x onerror=alert(1)>");
  }

  @Test
  @DisplayName(
      "the list filters by account status (NOT_INVITED includes no account) and invalid e-mail")
  void listFilters() throws Exception {
    var pending = fixtures.contact(SubscriberType.CLIENT);
    var account = accounts.findOrCreate(pending.id(), pending.email(), Fixtures.SYSTEM);
    var flagged = fixtures.contact(SubscriberType.CLIENT);
    contacts.markEmailInvalid(flagged.id(), Fixtures.SYSTEM);

    // contacts linked to no dossier: managers and the administrator see them, not STAFF
    as(Api.MANAGER)
        .get("/api/contacts?accountStatus=NOT_INVITED&size=100&sort=id,desc")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[*].id").value(hasItem((int) pending.id())))
        .andExpect(jsonPath("$.content[*].id").value(hasItem((int) flagged.id())))
        .andExpect(jsonPath("$.content[*].account.status").value(everyItem(is("NOT_INVITED"))));
    as(Api.MANAGER)
        .get("/api/contacts?accountStatus=ACTIVE&size=100")
        .andExpect(jsonPath("$.content[*].id").value(not(hasItem((int) pending.id()))));
    as(Api.MANAGER)
        .get("/api/contacts?emailInvalid=true&size=100&sort=id,desc")
        .andExpect(jsonPath("$.content[*].id").value(hasItem((int) flagged.id())))
        .andExpect(jsonPath("$.content[*].emailInvalid").value(everyItem(is(true))));
    assertThat(account.status().name()).isEqualTo("NOT_INVITED");
  }

  @Test
  @DisplayName("deleting a contact without history deletes it: 204")
  void deleteWithoutHistory() throws Exception {
    var contact = fixtures.contact(SubscriberType.CLIENT);
    as(Api.MANAGER).delete("/api/contacts/" + contact.id()).andExpect(status().isNoContent());
    as(Api.MANAGER).get("/api/contacts/" + contact.id()).andExpect(status().isNotFound());
  }

  @Test
  @DisplayName(
      "deleting a contact with history deactivates it: its access withdrawn, its account disabled, the row kept")
  void deleteWithHistoryDeactivates() throws Exception {
    var dossier = fixtures.dossier(Api.MANAGER);
    var advisor = fixtures.contact(SubscriberType.ADVISOR);
    fixtures.link(dossier.id(), advisor.id(), false, AccessLevel.READ_ONLY);
    accounts.findOrCreate(advisor.id(), advisor.email(), Fixtures.SYSTEM);

    as(Api.STAFF).delete("/api/contacts/" + advisor.id()).andExpect(status().isForbidden());
    as(Api.MANAGER)
        .delete("/api/contacts/" + advisor.id())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("DEACTIVATED"))
        .andExpect(jsonPath("$.account.status").value("DISABLED"));
    assertThat(links.forDossier(dossier.id(), false)).noneMatch(l -> l.contactId() == advisor.id());
    as(Api.MANAGER)
        .post("/api/contacts/" + advisor.id() + "/reactivation", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ACTIVE"));
  }

  @Test
  @DisplayName("a holder cannot be deactivated: 403 HOLDER_ACCESS_PERMANENT")
  void holderCannotBeDeactivated() throws Exception {
    var dossier = fixtures.dossier(Api.MANAGER);
    var holder = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), holder.id(), true, AccessLevel.READ_WRITE);
    as(Api.ADMIN)
        .delete("/api/contacts/" + holder.id())
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("HOLDER_ACCESS_PERMANENT"));
  }

  @Test
  @DisplayName(
      "erasure is the administrator's separate act: personal data blanked, ids kept, activity readable")
  void erasure() throws Exception {
    var dossier = fixtures.dossier(Api.MANAGER);
    var holder = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), holder.id(), true, AccessLevel.READ_WRITE);
    accounts.findOrCreate(holder.id(), holder.email(), Fixtures.SYSTEM);

    as(Api.MANAGER)
        .post("/api/contacts/" + holder.id() + "/erasure", null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
    as(Api.ADMIN)
        .post("/api/contacts/" + holder.id() + "/erasure", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ERASED"))
        .andExpect(jsonPath("$.firstName").doesNotExist())
        .andExpect(jsonPath("$.lastName").doesNotExist())
        .andExpect(jsonPath("$.email").value("erased-" + holder.id() + "@erased.invalid"))
        .andExpect(jsonPath("$.account.status").value("DISABLED"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from client_account where lower(email) = lower(?)",
                Long.class,
                holder.email()))
        .isZero();
    as(Api.STAFF)
        .get("/api/activity?contactId=" + holder.id())
        .andExpect(jsonPath("$.content[0].type").value("CONTACT_ERASED"));
    String details =
        jdbc.queryForObject(
            "select string_agg(details::text, ' ') from activity where contact_id = ?",
            String.class,
            holder.id());
    assertThat(details).doesNotContain(holder.email()).doesNotContain(holder.lastName());
  }
}
