package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.passerelle.processes.ProcessNames.Decisions;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffView;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firm's staff as users of the Camunda cluster (remote mode, {@link StaffIdentityProperties}):
 * each staff member is a Camunda user of the same username, name and e-mail, member of the group of
 * their role, and the groups hold the authorizations that let managers see and complete their tasks
 * in Tasklist and follow Passerelle's instances in Operate, and administrators act on them there.
 * Through the Orchestration Cluster REST API ({@code /v2/users}, {@code /v2/groups}, {@code
 * /v2/authorizations}), always idempotently: what the cluster has already (409) is what was wanted,
 * a membership it does not have (404 on removal) is gone already.
 *
 * <p>Passerelle's passwords never leave Passerelle: a user is created with a random password nobody
 * is told (the API requires one), and the firm's administrator sets the person's password in
 * Camunda Identity (or the cluster's OpenID Connect provider signs people in). A deactivated staff
 * member leaves every Passerelle group, so no authorization of Passerelle's applies to them any
 * more; the user stays (a reactivation restores the groups, and the password set for them).
 *
 * <p>Tasklist V2 and Operate (8.8) grant per process definition, never per dossier, candidate group
 * or assignee: the managers' group reads every instance and works every user task of Passerelle's
 * processes (wider than Passerelle's own pages, which show a manager their dossiers; their own
 * tasks are Tasklist's "assigned to me"); {@code managers} (the user tasks' candidate group) gets
 * the same members, for Tasklist's filters. STAFF members, who see only the dossiers they are
 * assigned to, get no access to Camunda's applications: they work in Passerelle.
 */
final class CamundaStaffUsers {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaStaffUsers.class);

  /** The cluster's groups that Passerelle owns: their members follow Passerelle's staff. */
  enum Group {
    STAFF("passerelle-staff", "Passerelle : collaborateurs"),
    MANAGERS("passerelle-managers", "Passerelle : chargés de dossier"),
    ADMINS("passerelle-admins", "Passerelle : administrateurs du cabinet"),
    /** The candidate group of the models' user tasks. */
    CANDIDATES("managers", "Chargés de dossier (groupe candidat des tâches de Passerelle)");

    final String id;
    final String title;

    Group(String id, String title) {
      this.id = id;
      this.title = title;
    }

    /** The groups a staff member of this role belongs to. */
    static Set<Group> of(StaffRole role) {
      return switch (role) {
        case ADMIN -> EnumSet.of(ADMINS, CANDIDATES);
        case MANAGER -> EnumSet.of(MANAGERS, CANDIDATES);
        case STAFF -> EnumSet.of(STAFF);
      };
    }
  }

  /** One authorization of one group (the cluster holds one per owner, resource type and id). */
  record Grant(
      Group group, ResourceType type, String resourceId, List<PermissionType> permissions) {}

  /** The processes with user tasks (Tasklist), and every process of Passerelle (Operate). */
  static final List<String> TASK_PROCESSES =
      List.of(Processes.CLIENT_INVITATION, Processes.DOSSIER_CREATION);

  static final List<String> PROCESSES =
      List.of(
          Processes.CLIENT_ONBOARDING,
          Processes.CLIENT_INVITATION,
          Processes.BULK_INVITATION,
          Processes.DOSSIER_CREATION);

  static final List<Grant> GRANTS = grants();

  private final CamundaClient client;
  private final Duration timeout;
  private final LongFunction<Optional<StaffView>> staff;
  private final SecureRandom random = new SecureRandom();

  /** Whether this run made sure of the groups and their authorizations already. */
  private volatile boolean groupsReady;

  CamundaStaffUsers(
      CamundaClient client, Duration timeout, LongFunction<Optional<StaffView>> staff) {
    this.client = client;
    this.timeout = timeout;
    this.staff = staff;
  }

  /**
   * Makes the cluster's user match the staff member as Passerelle has them now (whatever the change
   * that asked for it: the latest state is sent). Throws {@link EngineUnavailableException} when
   * the cluster does not answer (try again later), another {@link EngineException} when it refuses.
   */
  void sync(long staffId) {
    Optional<StaffView> member = staff.apply(staffId);
    if (member.isEmpty()) {
      return; // nobody left to mirror
    }
    sync(member.get());
  }

  void sync(StaffView member) {
    ensureGroups();
    Set<Group> wanted = member.active() ? Group.of(member.role()) : Set.of();
    if (member.active()) {
      upsertUser(member);
    }
    for (Group group : Group.values()) {
      if (wanted.contains(group)) {
        idempotent(
            "add " + member.username() + " to group " + group.id,
            client.newAssignUserToGroupCommand().username(member.username()).groupId(group.id));
      } else {
        absentIsDone(
            "remove " + member.username() + " from group " + group.id,
            client.newUnassignUserFromGroupCommand().username(member.username()).groupId(group.id));
      }
    }
    LOG.info(
        "Camunda user '{}' matches Passerelle's staff member (groups: {})",
        member.username(),
        wanted.stream().map(g -> g.id).toList());
  }

  /** Creates Passerelle's groups and their authorizations, once a run (each: 409 = there). */
  void ensureGroups() {
    if (groupsReady) {
      return;
    }
    for (Group group : Group.values()) {
      idempotent(
          "create group " + group.id,
          client
              .newCreateGroupCommand()
              .groupId(group.id)
              .name(group.title)
              .description("Kept by Passerelle: its members follow Passerelle's staff"));
    }
    for (Grant grant : GRANTS) {
      boolean created =
          idempotent(
              "authorize group "
                  + grant.group().id
                  + " on "
                  + grant.type()
                  + " "
                  + grant.resourceId(),
              client
                  .newCreateAuthorizationCommand()
                  .ownerId(grant.group().id)
                  .ownerType(OwnerType.GROUP)
                  .resourceId(grant.resourceId())
                  .resourceType(grant.type())
                  .permissionTypes(grant.permissions().toArray(PermissionType[]::new)));
      if (!created) {
        LOG.debug(
            "Group {} has an authorization on {} {} already: kept as the cluster has it",
            grant.group().id,
            grant.type(),
            grant.resourceId());
      }
    }
    groupsReady = true;
  }

  private void upsertUser(StaffView member) {
    boolean created =
        idempotent(
            "create Camunda user " + member.username(),
            client
                .newCreateUserCommand()
                .username(member.username())
                .name(member.displayName())
                .email(member.email())
                .password(unknownPassword()));
    if (!created) {
      // there already (a previous sync, or the cluster's own initialization): name and e-mail
      // follow Passerelle, the password stays the one set in the cluster
      call(
          "update Camunda user " + member.username(),
          client
              .newUpdateUserCommand(member.username())
              .name(member.displayName())
              .email(member.email()));
    }
  }

  /** A password nobody knows: the API wants one; the person's own is set in Camunda Identity. */
  private String unknownPassword() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * @return false when the cluster has it already (409: a user, a group, a membership or an
   *     authorization that exists)
   */
  private boolean idempotent(String what, FinalCommandStep<?> command) {
    try {
      send(command);
      return true;
    } catch (RuntimeException e) {
      if (conflict(e)) {
        return false;
      }
      throw EngineErrors.translate(what, e);
    }
  }

  /** Removal: a membership the cluster does not have (404) is removed already. */
  private void absentIsDone(String what, FinalCommandStep<?> command) {
    try {
      send(command);
    } catch (RuntimeException e) {
      if (EngineErrors.kind(e) != EngineErrors.Kind.NOT_FOUND) {
        throw EngineErrors.translate(what, e);
      }
    }
  }

  private void call(String what, FinalCommandStep<?> command) {
    try {
      send(command);
    } catch (RuntimeException e) {
      throw EngineErrors.translate(what, e);
    }
  }

  private void send(FinalCommandStep<?> command) {
    CamundaFuture<?> future = command.send();
    future.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean conflict(Throwable error) {
    return EngineErrors.kind(error) == EngineErrors.Kind.ALREADY_EXISTS || hasStatus(error, 409);
  }

  private static boolean hasStatus(Throwable error, int status) {
    for (Throwable e = error; e != null && e.getCause() != e; e = e.getCause()) {
      if (e instanceof ProblemException problem && problem.code() == status) {
        return true;
      }
    }
    return false;
  }

  /**
   * What each group may do: managers read Passerelle's processes in Operate and see and work their
   * user tasks in Tasklist; administrators also act on instances (retry an incident in Operate) and
   * read the reminder policy's decisions. Nothing for STAFF (see the class comment).
   */
  private static List<Grant> grants() {
    var grants = new ArrayList<Grant>();
    for (Group group : List.of(Group.MANAGERS, Group.ADMINS)) {
      for (String component : List.of("tasklist", "operate")) {
        grants.add(
            new Grant(group, ResourceType.COMPONENT, component, List.of(PermissionType.ACCESS)));
      }
      for (String process : PROCESSES) {
        var permissions =
            new ArrayList<>(
                List.of(
                    PermissionType.READ_PROCESS_DEFINITION, PermissionType.READ_PROCESS_INSTANCE));
        if (group == Group.ADMINS) {
          permissions.add(PermissionType.UPDATE_PROCESS_INSTANCE);
        }
        if (TASK_PROCESSES.contains(process)) {
          permissions.addAll(
              List.of(PermissionType.READ_USER_TASK, PermissionType.UPDATE_USER_TASK));
        }
        grants.add(
            new Grant(group, ResourceType.PROCESS_DEFINITION, process, List.copyOf(permissions)));
      }
    }
    grants.add(
        new Grant(
            Group.ADMINS,
            ResourceType.DECISION_DEFINITION,
            Decisions.REMINDER_POLICY,
            List.of(
                PermissionType.READ_DECISION_DEFINITION, PermissionType.READ_DECISION_INSTANCE)));
    return List.copyOf(grants);
  }
}
