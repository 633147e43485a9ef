package io.passerelle.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.StaffSignIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The engine commands the outbox's relay gave up on, on the operator page and in {@code
 * /api/operations}, against the real embedded engine: listed with the engine's error, relayed again
 * (the engine takes a message it refused before once its cause is gone; a completion of a task it
 * does not know is refused again, with the new error kept), all put back in the queue at once (the
 * sweeper relays them), or discarded; a second click, or two at once, does nothing twice; other
 * staff get 403.
 */
@PasserelleSpringTest
class FailedEngineCommandsTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;

  @Test
  @DisplayName("a given-up message is listed on the page, relayed again once, then gone")
  void relayAgain() throws Exception {
    long id = givenUpMessage();
    MockHttpSession admin = StaffSignIn.session(mvc, Api.ADMIN);
    String page = page(admin);
    assertThat(page)
        .contains("Commandes refusées par le moteur")
        .contains("id=\"failed-command-" + id + "\"")
        .contains("refused in a test");

    mvc.perform(post("/operations/commandes/{id}/renvoyer", id).session(admin).with(csrf()))
        .andExpect(status().isFound())
        .andExpect(
            r ->
                assertThat(r.getFlashMap().get("success"))
                    .isEqualTo("Commande n° " + id + " renvoyée : le moteur l'a acceptée."));
    assertThat(exists(id)).isFalse();
    assertThat(page(admin)).doesNotContain("id=\"failed-command-" + id + "\"");

    mvc.perform(post("/operations/commandes/{id}/renvoyer", id).session(admin).with(csrf()))
        .andExpect(
            r ->
                assertThat(r.getFlashMap().get("success"))
                    .isEqualTo(
                        "La commande n° "
                            + id
                            + " avait déjà été renvoyée ou abandonnée : rien à faire."));
    assertThat(activities("ENGINE_COMMAND_RELAYED_AGAIN", id)).isEqualTo(1);
  }

  @Test
  @DisplayName("a completion the engine refuses again stays given up, with the engine's new error")
  void refusedAgain() throws Exception {
    long id =
        insertGivenUp(
            "COMPLETE_USER_TASK",
            "complete-user-task-test-" + UUID.randomUUID(),
            Map.of("userTaskKey", 2251799813685249L, "variables", Map.of()));
    Api api = Api.as(mvc, json, Api.ADMIN);
    api.post("/api/operations/engine-commands/" + id + "/relay", Map.of())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("REFUSED"))
        .andExpect(jsonPath("$.done").value(true));
    Map<String, Object> row =
        jdbc.queryForMap(
            "select failed_at, last_error, attempts from engine_command where id = ?", id);
    assertThat(row.get("failed_at")).isNotNull();
    assertThat((String) row.get("last_error")).isNotEqualTo("refused in a test");
    assertThat((Integer) row.get("attempts")).isEqualTo(2);
  }

  @Test
  @DisplayName("all given up back in the queue: the sweeper relays them; twice at once, once")
  void relayAllAgain() throws Exception {
    List<Long> ids = List.of(givenUpMessage(), givenUpMessage(), givenUpMessage());
    Api api = Api.as(mvc, json, Api.ADMIN);
    String listed =
        api.get("/api/operations/engine-commands/failed")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    for (long id : ids) {
      assertThat(listed).contains("\"id\":" + id + ",");
    }

    Callable<String> relayAll =
        () ->
            api.post("/api/operations/engine-commands/failed/relay", Map.of())
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    int requeued = 0;
    try (ExecutorService two = Executors.newFixedThreadPool(2)) {
      List<Future<String>> answers = two.invokeAll(List.of(relayAll, relayAll));
      for (Future<String> answer : answers) {
        requeued += json.readTree(answer.get()).get("requeued").asInt();
      }
    }
    // the other tests' given-up rows may be requeued too; these three are, once
    assertThat(requeued).isGreaterThanOrEqualTo(ids.size());
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ids).noneMatch(this::exists));
  }

  @Test
  @DisplayName("a given-up command discarded once; the second click and other staff do nothing")
  void discard() throws Exception {
    long id = givenUpMessage();
    for (String who : List.of(Api.MANAGER, Api.STAFF)) {
      Api other = Api.as(mvc, json, who);
      other.get("/api/operations/engine-commands/failed").andExpect(status().isForbidden());
      other
          .post("/api/operations/engine-commands/" + id + "/discard", Map.of())
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
      other
          .post("/api/operations/engine-commands/" + id + "/relay", Map.of())
          .andExpect(status().isForbidden());
      other
          .post("/api/operations/engine-commands/failed/relay", Map.of())
          .andExpect(status().isForbidden());
      MockHttpSession session = StaffSignIn.session(mvc, who);
      mvc.perform(post("/operations/commandes/{id}/abandonner", id).session(session).with(csrf()))
          .andExpect(status().isForbidden());
    }
    mvc.perform(post("/api/operations/engine-commands/" + id + "/discard"))
        .andExpect(status().isUnauthorized());
    assertThat(exists(id)).isTrue();

    MockHttpSession admin = StaffSignIn.session(mvc, Api.ADMIN);
    // without its CSRF token the form changes nothing
    mvc.perform(post("/operations/commandes/{id}/abandonner", id).session(admin))
        .andExpect(status().isForbidden());
    assertThat(exists(id)).isTrue();
    mvc.perform(post("/operations/commandes/{id}/abandonner", id).session(admin).with(csrf()))
        .andExpect(
            r ->
                assertThat(r.getFlashMap().get("success"))
                    .isEqualTo(
                        "Commande n° "
                            + id
                            + " abandonnée (son contenu est écrit dans le journal)."));
    assertThat(exists(id)).isFalse();
    Api.as(mvc, json, Api.ADMIN)
        .post("/api/operations/engine-commands/" + id + "/discard", Map.of())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.done").value(false));
    assertThat(activities("ENGINE_COMMAND_DISCARDED", id)).isEqualTo(1);
  }

  private String page(MockHttpSession admin) throws Exception {
    return mvc.perform(get("/operations").session(admin))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  /** A message nobody waits for (the engine takes it), as if the engine had refused it. */
  private long givenUpMessage() throws Exception {
    String messageId = "test-given-up-" + UUID.randomUUID();
    return insertGivenUp(
        "PUBLISH_MESSAGE",
        messageId,
        Map.of(
            "name",
            "test-nobody-waits",
            "correlationKey",
            messageId,
            "messageId",
            messageId,
            "timeToLiveMillis",
            0,
            "variables",
            Map.of()));
  }

  private long insertGivenUp(String kind, String dedupKey, Map<String, Object> payload)
      throws Exception {
    return jdbc.queryForObject(
        """
        insert into engine_command
          (kind, dedup_key, payload, next_attempt_at, attempts, last_error, failed_at)
        values (?, ?, cast(? as jsonb), now(), 1, 'refused in a test', now())
        returning id
        """,
        Long.class,
        kind,
        dedupKey,
        json.writeValueAsString(payload));
  }

  private boolean exists(long id) {
    return jdbc.queryForObject(
            "select count(*) from engine_command where id = ?", Integer.class, id)
        > 0;
  }

  private int activities(String type, long id) {
    return jdbc.queryForObject(
        "select count(*) from activity where type = ? and details ->> 'command' = ?",
        Integer.class,
        type,
        String.valueOf(id));
  }
}
