package io.passerelle.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.notification.NotificationService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** The append-only feed and the staff inboxes, both deduplicated for redelivered jobs. */
@PasserelleSpringTest
class ActivityAndNotificationTest {

  @Autowired ActivityService activity;
  @Autowired NotificationService notifications;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired JdbcTemplate jdbc;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  @Test
  @DisplayName("an entry with a dedup key is recorded once however often a job asks")
  void dedupKey() {
    String key = "record-onboarding-rejected/onboarding-" + UUID.randomUUID();
    var entry =
        ActivityRecord.of(ActivityType.ONBOARDING_REJECTED, Fixtures.SYSTEM, null, null)
            .with("rejectionCode", "INVALID_EMAIL")
            .dedupKey(key);
    assertThat(activity.record(entry)).isTrue();
    assertThat(activity.record(entry)).isFalse();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from activity where dedup_key = ?", Long.class, key))
        .isOne();
  }

  @Test
  @DisplayName("the database refuses to change or delete a feed entry")
  void appendOnly() {
    activity.record(
        ActivityRecord.of(ActivityType.ONBOARDING_COMPLETED, Fixtures.SYSTEM, null, null));
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "update activity set type = 'X' where id = (select max(id) from activity)"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () -> jdbc.update("delete from activity where id = (select max(id) from activity)"))
        .hasMessageContaining("append-only");
  }

  @Test
  @DisplayName("assigned staff are notified once per dedup key; each sees only their own inbox")
  void notifyAssignedStaff() throws Exception {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    var dossier = fixtures.dossier(Api.MANAGER); // the manager and the plain staff member
    String key = "client-activated/onboarding-" + UUID.randomUUID();
    assertThat(
            notifications.notifyAssignedStaff(
                dossier.id(), "CLIENT_ACTIVATED", null, Map.of("onboardingId", 7), key))
        .isEqualTo(2);
    assertThat(
            notifications.notifyAssignedStaff(
                dossier.id(), "CLIENT_ACTIVATED", null, Map.of("onboardingId", 7), key))
        .isZero();

    var mine = Api.as(mvc, json, Api.STAFF);
    var inbox = mine.read(mine.get("/api/notifications?unread=true&size=100"));
    long id = -1;
    for (var n : inbox.get("content")) {
      if (n.get("dossierId").asLong() == dossier.id()) {
        id = n.get("id").asLong();
      }
    }
    assertThat(id).isPositive();
    Api.as(mvc, json, Api.OTHER_MANAGER)
        .post("/api/notifications/" + id + "/read", null)
        .andExpect(status().isNotFound());
    mine.post("/api/notifications/" + id + "/read", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.readAt").isNotEmpty());
  }

  @Test
  @DisplayName("the feed lists newest first and filters by dossier and type")
  void feed() throws Exception {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    var dossier = fixtures.dossier(Api.MANAGER);
    Api.as(mvc, json, Api.STAFF)
        .get("/api/activity?dossierId=" + dossier.id())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.content[0].type").value("OFFER_ACTIVATED"))
        .andExpect(jsonPath("$.content[1].type").value("DOSSIER_CREATED"))
        .andExpect(jsonPath("$.content[0].actor.kind").value("SYSTEM"))
        .andExpect(jsonPath("$.content[0].details.offerCode").value("START"));
    Api.as(mvc, json, Api.STAFF)
        .get("/api/activity?dossierId=" + dossier.id() + "&type=DOSSIER_CREATED")
        .andExpect(jsonPath("$.page.totalElements").value(1));
  }
}
