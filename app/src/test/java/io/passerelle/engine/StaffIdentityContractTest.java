package io.passerelle.engine;

import static io.passerelle.engine.CamundaStub.json;
import static io.passerelle.engine.CamundaStub.noContent;
import static io.passerelle.engine.CamundaStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.protocol.rest.AuthorizationCreateResult;
import io.camunda.client.protocol.rest.GroupCreateResult;
import io.camunda.client.protocol.rest.UserCreateResult;
import io.camunda.client.protocol.rest.UserUpdateResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passerelle.staff.StaffMemberChanged;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffView;
import io.passerelle.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.MockResponse;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 20, item 6: the firm's staff as users of the Camunda cluster, against a stub playing the
 * 8.8 Orchestration Cluster REST API (answers from the client's own protocol model). Each request
 * is checked for its method, path and body: the groups and their authorizations, the user (never
 * Passerelle's password), the memberships of the role; "already exists" is success; a cluster down
 * when a staff member is created catches up through the engine command outbox.
 */
class StaffIdentityContractTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final StaffView CLAIRE =
      new StaffView(
          7,
          "claire.martin",
          "claire.martin@cabinet.example",
          "Claire",
          "Martin",
          StaffRole.MANAGER,
          true);

  private final CamundaStub cluster = new CamundaStub();
  private final CamundaClient client = cluster.client();
  private final Map<Long, StaffView> staff = new ConcurrentHashMap<>();
  private final CamundaStaffUsers users =
      new CamundaStaffUsers(
          client, Duration.ofSeconds(5), id -> Optional.ofNullable(staff.get(id)));

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  /** The cluster takes everything: 201 with the created thing, 204 for a membership. */
  private void clusterAccepts() {
    cluster
        .on("POST", "/v2/groups", r -> created(new GroupCreateResult().groupId("g").name("g")))
        .on(
            "POST",
            "/v2/authorizations",
            r -> created(new AuthorizationCreateResult().authorizationKey("2251799813685300")))
        .on(
            "POST",
            "/v2/users",
            r ->
                created(
                    new UserCreateResult()
                        .username(CLAIRE.username())
                        .name(CLAIRE.displayName())
                        .email(CLAIRE.email())))
        .on("PUT", "/v2/groups/[^/]+/users/[^/]+", r -> noContent())
        .on("DELETE", "/v2/groups/[^/]+/users/[^/]+", r -> noContent());
  }

  @Nested
  class Contract {

    @Test
    @DisplayName(
        "a new manager: Passerelle's groups and their authorizations once, the user with name and"
            + " e-mail and a password nobody knows, in passerelle-managers and managers only")
    @SuppressWarnings("unchecked")
    void newManager() throws Exception {
      clusterAccepts();

      users.sync(CLAIRE);

      var groups = cluster.requests("POST", "/v2/groups");
      assertThat(groups).hasSize(4);
      assertThat(groups.stream().map(r -> read(r.body()).get("groupId")))
          .containsExactly(
              "passerelle-staff", "passerelle-managers", "passerelle-admins", "managers");
      assertJson(
          groups.get(1).body(),
          "{\"groupId\":\"passerelle-managers\",\"name\":\"Passerelle : chargés de dossier\","
              + "\"description\":\"Kept by Passerelle: its members follow Passerelle's staff\"}");

      var grants = cluster.requests("POST", "/v2/authorizations").stream().map(r -> r.body());
      assertThat(grants.map(StaffIdentityContractTest::read).toList())
          .hasSize(13)
          .contains(
              read(
                  "{\"ownerId\":\"passerelle-managers\",\"ownerType\":\"GROUP\","
                      + "\"resourceId\":\"tasklist\",\"resourceType\":\"COMPONENT\","
                      + "\"permissionTypes\":[\"ACCESS\"]}"),
              read(
                  "{\"ownerId\":\"passerelle-managers\",\"ownerType\":\"GROUP\","
                      + "\"resourceId\":\"Process_ClientInvitation\","
                      + "\"resourceType\":\"PROCESS_DEFINITION\",\"permissionTypes\":"
                      + "[\"READ_PROCESS_DEFINITION\",\"READ_PROCESS_INSTANCE\","
                      + "\"READ_USER_TASK\",\"UPDATE_USER_TASK\"]}"),
              read(
                  "{\"ownerId\":\"passerelle-managers\",\"ownerType\":\"GROUP\","
                      + "\"resourceId\":\"operate\",\"resourceType\":\"COMPONENT\","
                      + "\"permissionTypes\":[\"ACCESS\"]}"),
              read(
                  "{\"ownerId\":\"passerelle-managers\",\"ownerType\":\"GROUP\","
                      + "\"resourceId\":\"Process_BulkInvitation\","
                      + "\"resourceType\":\"PROCESS_DEFINITION\",\"permissionTypes\":"
                      + "[\"READ_PROCESS_DEFINITION\",\"READ_PROCESS_INSTANCE\"]}"),
              read(
                  "{\"ownerId\":\"passerelle-admins\",\"ownerType\":\"GROUP\","
                      + "\"resourceId\":\"operate\",\"resourceType\":\"COMPONENT\","
                      + "\"permissionTypes\":[\"ACCESS\"]}"),
              read(
                  "{\"ownerId\":\"passerelle-admins\",\"ownerType\":\"GROUP\","
                      + "\"resourceId\":\"Process_ClientOnboarding\","
                      + "\"resourceType\":\"PROCESS_DEFINITION\",\"permissionTypes\":"
                      + "[\"READ_PROCESS_DEFINITION\",\"READ_PROCESS_INSTANCE\","
                      + "\"UPDATE_PROCESS_INSTANCE\"]}"));

      // managers read instances in Operate; acting on them (an incident's retry) is the admins'
      assertThat(
              cluster.requests("POST", "/v2/authorizations").stream()
                  .map(r -> read(r.body()))
                  .filter(g -> "passerelle-managers".equals(g.get("ownerId"))))
          .hasSize(6)
          .noneSatisfy(
              g ->
                  assertThat((List<Object>) g.get("permissionTypes"))
                      .contains("UPDATE_PROCESS_INSTANCE"));

      var user = read(cluster.requests("POST", "/v2/users").getFirst().body());
      String password = (String) user.remove("password");
      assertThat(user)
          .isEqualTo(
              Map.of(
                  "username", "claire.martin",
                  "name", "Claire Martin",
                  "email", "claire.martin@cabinet.example"));
      assertThat(password).hasSize(43).doesNotContain("passerelle");

      assertThat(paths("PUT", "/v2/groups/.*"))
          .containsExactly(
              "/v2/groups/passerelle-managers/users/claire.martin",
              "/v2/groups/managers/users/claire.martin");
      assertThat(paths("DELETE", "/v2/groups/.*"))
          .containsExactly(
              "/v2/groups/passerelle-staff/users/claire.martin",
              "/v2/groups/passerelle-admins/users/claire.martin");
      assertThat(cluster.requests("PUT", "/v2/groups/.*"))
          .allSatisfy(r -> assertThat(r.body()).isEmpty());

      // a second staff member: the groups and authorizations are not asked for again this run
      users.sync(
          new StaffView(
              8, "hugo.bernard", "hugo@cabinet.example", "Hugo", "Bernard", StaffRole.STAFF, true));
      assertThat(cluster.requests("POST", "/v2/groups")).hasSize(4);
      assertThat(cluster.requests("POST", "/v2/authorizations")).hasSize(13);
      assertThat(paths("PUT", "/v2/groups/.*/users/hugo.bernard"))
          .containsExactly("/v2/groups/passerelle-staff/users/hugo.bernard");
      var second = read(cluster.requests("POST", "/v2/users").get(1).body());
      assertThat(second.get("password")).isNotEqualTo(password);
    }

    @Test
    @DisplayName(
        "'already exists' (409) is success: groups, authorizations and memberships kept, an"
            + " existing user gets name and e-mail (PUT /v2/users/{username}) and never a password")
    void alreadyThere() throws Exception {
      clusterAccepts();
      cluster
          .on("POST", "/v2/groups", r -> exists("a group with this ID already exists"))
          .on(
              "POST",
              "/v2/authorizations",
              r -> exists("an authorization for this resource identifier already exists"))
          .on("POST", "/v2/users", r -> exists("a user with this username already exists"))
          .on("PUT", "/v2/groups/[^/]+/users/[^/]+", r -> exists("the user is already assigned"))
          .on(
              "PUT",
              "/v2/users/claire.martin",
              r ->
                  json(
                      new UserUpdateResult()
                          .username(CLAIRE.username())
                          .name(CLAIRE.displayName())
                          .email(CLAIRE.email())));

      users.sync(CLAIRE);

      var update = cluster.requests("PUT", "/v2/users/claire.martin");
      assertThat(update).hasSize(1);
      var body = read(update.getFirst().body());
      assertThat(body.get("password")).isNull();
      body.remove("password");
      assertThat(body)
          .isEqualTo(Map.of("name", "Claire Martin", "email", "claire.martin@cabinet.example"));
      assertThat(paths("PUT", "/v2/groups/.*")).hasSize(2);
    }

    @Test
    @DisplayName(
        "a role change moves the user between groups; a deactivation removes them from every"
            + " Passerelle group (404 'not a member' is done) and creates no user")
    void roleChangeAndDeactivation() {
      clusterAccepts();
      var admin =
          new StaffView(
              7, CLAIRE.username(), CLAIRE.email(), "Claire", "Martin", StaffRole.ADMIN, true);
      users.sync(admin);
      assertThat(paths("PUT", "/v2/groups/.*"))
          .containsExactly(
              "/v2/groups/passerelle-admins/users/claire.martin",
              "/v2/groups/managers/users/claire.martin");

      cluster.on(
          "DELETE",
          "/v2/groups/(passerelle-staff|passerelle-managers)/users/claire.martin",
          r -> problem(404, "NOT_FOUND", "the user is not assigned to this group"));
      int usersBefore = cluster.requests("POST", "/v2/users").size();
      int removalsBefore = cluster.requests("DELETE", "/v2/groups/.*").size();
      users.sync(
          new StaffView(
              7, CLAIRE.username(), CLAIRE.email(), "Claire", "Martin", StaffRole.ADMIN, false));

      assertThat(cluster.requests("POST", "/v2/users")).hasSize(usersBefore);
      assertThat(paths("DELETE", "/v2/groups/.*").subList(removalsBefore, removalsBefore + 4))
          .containsExactly(
              "/v2/groups/passerelle-staff/users/claire.martin",
              "/v2/groups/passerelle-managers/users/claire.martin",
              "/v2/groups/passerelle-admins/users/claire.martin",
              "/v2/groups/managers/users/claire.martin");
    }

    @Test
    @DisplayName(
        "the cluster unreachable: 'unavailable' (the outbox keeps the row), a refusal for good"
            + " (403) is an engine error (given up)")
    void unavailableAndRefused() {
      cluster.on("POST", "/v2/groups", r -> problem(503, "UNAVAILABLE", "gateway down"));
      assertThatThrownBy(() -> users.sync(CLAIRE)).isInstanceOf(EngineUnavailableException.class);

      cluster.on("POST", "/v2/groups", r -> problem(403, "FORBIDDEN", "not allowed to create"));
      assertThatThrownBy(() -> users.sync(CLAIRE))
          .isInstanceOf(EngineException.class)
          .isNotInstanceOf(EngineUnavailableException.class)
          .hasMessageContaining("create group passerelle-staff");
    }
  }

  @Nested
  class Outbox {

    private final String database = TestDatabases.newName("passerelle_staff_identity");
    private final AtomicBoolean down = new AtomicBoolean();
    private JdbcClient jdbc;
    private DataSourceTransactionManager transactions;
    private EngineCommandRelay relay;
    private EngineCommands commands;

    @BeforeEach
    void database() {
      TestDatabases.create(database);
      Flyway.configure()
          .dataSource(TestDatabases.url(database), TestDatabases.user(), "")
          .locations("classpath:db/migration")
          .load()
          .migrate();
      var dataSource =
          new DriverManagerDataSource(TestDatabases.url(database), TestDatabases.user(), "");
      jdbc = JdbcClient.create(dataSource);
      transactions = new DataSourceTransactionManager(dataSource);
      relay =
          new EngineCommandRelay(
              CamundaStub.engine(client, new DeployedModels()),
              users,
              jdbc,
              MAPPER,
              transactions,
              new SimpleMeterRegistry());
      commands = new EngineCommands(jdbc, MAPPER, relay);
    }

    @AfterEach
    void dropDatabase() {
      relay.stop();
      TestDatabases.drop(database);
    }

    private StaffIdentitySync sync(EngineMode mode) {
      var engine =
          new EngineProperties(mode, 26500, List.of("x"), Duration.ofSeconds(5), false, "", "");
      return new StaffIdentitySync(
          engine, new StaffIdentityProperties(true), commands, null, transactions);
    }

    @Test
    @DisplayName(
        "a staff member created while the cluster is down: the change commits, its row waits, and"
            + " once the cluster answers the sweep makes the Camunda user")
    void clusterDownThenBack() {
      clusterAccepts();
      cluster.on(
          "POST",
          "/v2/groups",
          r ->
              down.get()
                  ? problem(503, "UNAVAILABLE", "the gateway does not answer")
                  : created(new GroupCreateResult().groupId("g").name("g")));
      down.set(true);
      staff.put(CLAIRE.id(), CLAIRE);
      var sync = sync(EngineMode.REMOTE);

      new TransactionTemplate(transactions)
          .executeWithoutResult(status -> sync.changed(new StaffMemberChanged(CLAIRE.id())));

      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> attempts() == 1);
      var waiting =
          jdbc.sql("select kind, payload::text, failed_at, last_error from engine_command")
              .query(
                  (rs, n) ->
                      List.of(
                          rs.getString(1),
                          rs.getString(2),
                          String.valueOf(rs.getTimestamp(3)),
                          rs.getString(4)))
              .single();
      assertThat(waiting.get(0)).isEqualTo("SYNC_STAFF_IDENTITY");
      assertThat(read(waiting.get(1))).isEqualTo(Map.of("staffId", 7));
      assertThat(waiting.get(2)).isEqualTo("null");
      assertThat(waiting.get(3)).contains("does not answer");
      assertThat(cluster.requests("POST", "/v2/users")).isEmpty();

      down.set(false);
      jdbc.sql("update engine_command set next_attempt_at = now()").update();
      assertThat(relay.relayDue()).isEqualTo(1);

      assertThat(jdbc.sql("select count(*) from engine_command").query(Long.class).single())
          .isZero();
      assertThat(read(cluster.requests("POST", "/v2/users").getFirst().body()))
          .containsEntry("username", "claire.martin");
      assertThat(paths("PUT", "/v2/groups/.*")).hasSize(2);
    }

    @Test
    @DisplayName("embedded mode: a staff change writes no command (there is no cluster)")
    void embeddedDoesNothing() {
      var sync = sync(EngineMode.EMBEDDED);
      new TransactionTemplate(transactions)
          .executeWithoutResult(status -> sync.changed(new StaffMemberChanged(CLAIRE.id())));

      assertThat(sync.enabled()).isFalse();
      assertThat(jdbc.sql("select count(*) from engine_command").query(Long.class).single())
          .isZero();
      assertThat(cluster.requests()).isEmpty();
    }

    private int attempts() {
      return jdbc.sql("select coalesce(max(attempts), 0) from engine_command")
          .query(Integer.class)
          .single();
    }
  }

  private List<String> paths(String method, String pathRegex) {
    return cluster.requests(method, pathRegex).stream().map(CamundaStub.Request::path).toList();
  }

  private static MockResponse created(Object body) {
    return json(body).setResponseCode(201);
  }

  private static MockResponse exists(String detail) {
    return problem(
        409, "ALREADY_EXISTS", "Command 'CREATE' rejected with code 'ALREADY_EXISTS': " + detail);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String body) {
    try {
      return MAPPER.readValue(body, Map.class);
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }

  private static void assertJson(String actual, String expected) {
    assertThat(read(actual)).isEqualTo(read(expected));
  }
}
