package io.passerelle.staff;

import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dossier-scoped resources and where their URLs name them: what {@link ScopeInterceptor} checks
 * before any controller reads one, and what services ask for a single resource or a small set.
 * Visibility is {@link Scope}'s rule, written once there; this class only says, per kind of
 * resource, which row carries it.
 *
 * <p>A resource the reader may not see is answered exactly as one that does not exist (the same
 * 404, code and message): a reader learns nothing of what is outside their scope.
 */
@Component
public class ScopedResources {

  /** A kind of dossier-scoped resource: its visibility SQL (row {@code x}) and its not-found. */
  public enum Kind {
    DOSSIER(
        "dossier",
        s -> s.dossierSql("x.id"),
        id ->
            DomainException.notFound(
                CommonErrors.DOSSIER_UNKNOWN, "No dossier has the id " + id + ".")),
    CONTACT(
        "contact",
        s -> s.contactSql("x.id"),
        id ->
            DomainException.notFound(
                CommonErrors.CONTACT_NOT_FOUND, "No contact has the id " + id + ".")),
    ACCOUNT(
        "client_account",
        s -> s.contactSql("x.contact_id"),
        id ->
            DomainException.notFound(
                CommonErrors.ACCOUNT_NOT_FOUND, "No client account has the id " + id + ".")),
    ONBOARDING(
        "onboarding",
        s -> s.dossierSql("x.dossier_id"),
        id ->
            DomainException.notFound(
                CommonErrors.ONBOARDING_NOT_FOUND, "No onboarding has the id " + id + ".")),
    INVITATION(
        "invitation",
        s -> s.invitationSql("x"),
        id ->
            DomainException.notFound(
                CommonErrors.INVITATION_NOT_FOUND, "No invitation has the id " + id + ".")),
    BULK_INVITATION(
        "bulk_invitation",
        s -> s.bulkSql("x"),
        id ->
            DomainException.notFound(
                CommonErrors.BULK_INVITATION_NOT_FOUND,
                "No bulk invitation has the id " + id + ".")),
    COLLABORATIVE_SERVICE(
        "collaborative_service",
        s -> s.dossierSql("x.dossier_id"),
        id ->
            DomainException.notFound(
                CommonErrors.SERVICE_NOT_FOUND, "No collaborative service has the id " + id + ".")),
    DOSSIER_REQUEST(
        "dossier_request",
        s -> s.requestSql("x"),
        id ->
            DomainException.notFound(
                CommonErrors.DOSSIER_REQUEST_NOT_FOUND,
                "No dossier request has the id " + id + ".")),
    DOSSIER_IMPORT(
        "dossier_import",
        s -> s.importSql("x"),
        id ->
            DomainException.notFound(
                CommonErrors.IMPORT_NOT_FOUND, "No dossier import has the id " + id + ".")),
    /** A process instance, by its key: through the row that started it. */
    PROCESS_INSTANCE(
        null,
        null,
        key ->
            DomainException.notFound(
                CommonErrors.ENGINE_NOT_FOUND, "No process instance with key " + key + "."));

    private final String table;
    private final Function<Scope, String> visible;
    private final LongFunction<RuntimeException> notFound;

    Kind(String table, Function<Scope, String> visible, LongFunction<RuntimeException> notFound) {
      this.table = table;
      this.visible = visible;
      this.notFound = notFound;
    }

    public RuntimeException notFound(long id) {
      return notFound.apply(id);
    }
  }

  /** Where a URL template names a resource: its variable and the resource's kind. */
  public record Named(String variable, Kind kind) {}

  /**
   * The GET URL templates (as Spring MVC matched them) that read one dossier-scoped resource. A
   * test fails when a GET mapping is neither here nor among the lists known to filter their rows.
   */
  public static final Map<String, Named> READS =
      Map.ofEntries(
          // the API
          Map.entry("/api/dossiers/{id}", new Named("id", Kind.DOSSIER)),
          Map.entry("/api/dossiers/{id}/offers", new Named("id", Kind.DOSSIER)),
          Map.entry("/api/dossiers/{id}/staff", new Named("id", Kind.DOSSIER)),
          Map.entry("/api/dossiers/{id}/fiscal-years", new Named("id", Kind.DOSSIER)),
          Map.entry("/api/dossiers/{id}/setup", new Named("id", Kind.DOSSIER)),
          Map.entry("/api/dossiers/{dossierId}/links", new Named("dossierId", Kind.DOSSIER)),
          Map.entry(
              "/api/dossiers/{dossierId}/links/{linkId}", new Named("dossierId", Kind.DOSSIER)),
          Map.entry(
              "/api/dossiers/{id}/contacts/{contactId}/permissions", new Named("id", Kind.DOSSIER)),
          Map.entry("/api/contacts/{id}", new Named("id", Kind.CONTACT)),
          Map.entry("/api/contacts/{id}/links", new Named("id", Kind.CONTACT)),
          Map.entry("/api/accounts/{id}", new Named("id", Kind.ACCOUNT)),
          Map.entry("/api/accounts/{id}/invitations", new Named("id", Kind.ACCOUNT)),
          Map.entry("/api/onboardings/{id}", new Named("id", Kind.ONBOARDING)),
          Map.entry("/api/invitations/{id}", new Named("id", Kind.INVITATION)),
          Map.entry("/api/bulk-invitations/{id}", new Named("id", Kind.BULK_INVITATION)),
          Map.entry("/api/bulk-invitations/{id}/items", new Named("id", Kind.BULK_INVITATION)),
          Map.entry(
              "/api/collaborative-services/{id}", new Named("id", Kind.COLLABORATIVE_SERVICE)),
          Map.entry("/api/dossier-requests/{id}", new Named("id", Kind.DOSSIER_REQUEST)),
          Map.entry("/api/dossier-imports/{id:[0-9]+}", new Named("id", Kind.DOSSIER_IMPORT)),
          // the staff pages
          Map.entry("/dossiers/{id}", new Named("id", Kind.DOSSIER)),
          Map.entry("/interlocuteurs/{id}", new Named("id", Kind.CONTACT)),
          Map.entry("/integrations/{id}", new Named("id", Kind.ONBOARDING)),
          Map.entry("/invitations-groupees/{id}", new Named("id", Kind.BULK_INVITATION)),
          Map.entry(
              "/invitations-groupees/{id}/progression", new Named("id", Kind.BULK_INVITATION)),
          Map.entry("/dossiers/demandes/{id}", new Named("id", Kind.DOSSIER_REQUEST)),
          Map.entry("/dossiers/demandes/{id}/etat", new Named("id", Kind.DOSSIER_REQUEST)),
          Map.entry("/dossiers/import/{id:[0-9]+}", new Named("id", Kind.DOSSIER_IMPORT)),
          Map.entry("/processus/{key}", new Named("key", Kind.PROCESS_INSTANCE)),
          Map.entry("/processus/{key}/diagramme.bpmn", new Named("key", Kind.PROCESS_INSTANCE)));

  private final NamedParameterJdbcTemplate jdbc;
  private final StaffScope scopes;

  ScopedResources(NamedParameterJdbcTemplate jdbc, StaffScope scopes) {
    this.jdbc = jdbc;
    this.scopes = scopes;
  }

  /**
   * Throws the resource's own not-found when it exists and the signed-in reader may not see it (a
   * resource that does not exist is left to the controller, which answers the same).
   */
  public void requireVisible(Kind kind, long id) {
    requireVisible(kind, id, scopes.current());
  }

  public void requireVisible(Kind kind, long id, Scope scope) {
    if (!scope.isEverything() && !visible(kind, id, scope)) {
      throw kind.notFound(id);
    }
  }

  /** Whether this reader sees the resource; false also when it does not exist. */
  public boolean visible(Kind kind, long id, Scope scope) {
    if (scope.isEverything()) {
      return true;
    }
    String sql =
        kind == Kind.PROCESS_INSTANCE
            ? "select " + processSql(scope, ":id")
            : "select " + kind.visible.apply(scope) + " from " + kind.table + " x where x.id = :id";
    List<Boolean> found = jdbc.queryForList(sql, Map.of("id", id), Boolean.class);
    return !found.isEmpty() && Boolean.TRUE.equals(found.getFirst());
  }

  /** Of these dossiers, those the reader sees (for short lists: a contact's links, tasks). */
  public Set<Long> visibleDossiers(Collection<Long> dossierIds, Scope scope) {
    Set<Long> ids = new LinkedHashSet<>();
    dossierIds.forEach(
        id -> {
          if (id != null) {
            ids.add(id);
          }
        });
    if (scope.isEverything() || ids.isEmpty()) {
      return ids;
    }
    return new LinkedHashSet<>(
        jdbc.queryForList(
            "select x.id from dossier x where x.id in (:ids) and " + scope.dossierSql("x.id"),
            Map.of("ids", ids),
            Long.class));
  }

  /**
   * Of a short list (a contact's links, an account's invitations), the rows the signed-in reader
   * sees: those of a visible dossier, and those naming none (their contact or account was checked
   * already).
   */
  public <T> List<T> keepVisible(List<T> rows, Function<T, Long> dossierIdOf) {
    Scope scope = scopes.current();
    if (scope.isEverything()) {
      return rows;
    }
    Set<Long> visible = visibleDossiers(rows.stream().map(dossierIdOf).toList(), scope);
    return rows.stream()
        .filter(r -> dossierIdOf.apply(r) == null || visible.contains(dossierIdOf.apply(r)))
        .toList();
  }

  /**
   * Who retries an incident of a process instance: the office administrator, or the manager of the
   * instance's dossier (a dossier request's manager or requester, a bulk invitation's creator). Not
   * the setting {@code ALL}, which widens reading only; not the assigned STAFF: a retry runs a step
   * again (a mail, a call to the engine), which is the manager's call.
   */
  public boolean mayRetryIncident(long processInstanceKey, StaffView member) {
    if (member.role() == StaffRole.ADMIN) {
      return true;
    }
    String managed =
        "exists (select 1 from dossier vis_d where vis_d.id = x.dossier_id"
            + " and vis_d.manager_id = :me)";
    String sql =
        "select coalesce((select v from ("
            + " select "
            + managed
            + " as v from onboarding x where x.process_instance_key = :key"
            + " or x.invitation_process_key = :key"
            + " union all select "
            + managed
            + " from collaborative_service x where x.process_instance_key = :key"
            + " union all select (x.manager_id = :me or x.requested_by_staff_id = :me)"
            + " from dossier_request x where x.process_instance_key = :key"
            + " union all select x.created_by_staff_id = :me"
            + " from bulk_invitation x where x.process_instance_key = :key"
            + ") found order by v desc limit 1), false)";
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            sql, Map.of("key", processInstanceKey, "me", member.id()), Boolean.class));
  }

  /** Of these process instances, those the reader sees (the open tasks list). */
  public Set<Long> visibleProcesses(Collection<Long> keys, Scope scope) {
    Set<Long> ids = new LinkedHashSet<>();
    keys.forEach(
        key -> {
          if (key != null) {
            ids.add(key);
          }
        });
    if (scope.isEverything() || ids.isEmpty()) {
      return ids;
    }
    return new LinkedHashSet<>(
        jdbc.queryForList(
            "select k.pk from (select unnest(array[:keys]::bigint[]) as pk) k where "
                + processSql(scope, "k.pk"),
            Map.of("keys", ids),
            Long.class));
  }

  /**
   * SQL: the process instance whose key is {@code key} is visible. It belongs to what started it:
   * an onboarding (or its invitation, or its Microsoft guest invitation), a collaborative service,
   * a dossier request, a bulk invitation. An instance none of them names (a called instance is
   * shown inside its parent's page) is for the administrator and, with {@code ALL}, everyone.
   */
  private static String processSql(Scope scope, String key) {
    return "coalesce((select v from ("
        + " select "
        + scope.dossierSql("x.dossier_id")
        + " as v from onboarding x where x.process_instance_key = "
        + key
        + " union all select "
        + scope.dossierSql("x.dossier_id")
        + " from onboarding x where x.invitation_process_key = "
        + key
        + " union all select "
        + scope.dossierSql("x.dossier_id")
        + " from onboarding x join guest_invitation g on g.onboarding_id = x.id"
        + " where g.process_instance_key = "
        + key
        + " union all select "
        + scope.dossierSql("x.dossier_id")
        + " from collaborative_service x where x.process_instance_key = "
        + key
        + " union all select "
        + scope.requestSql("x")
        + " from dossier_request x where x.process_instance_key = "
        + key
        + " union all select "
        + scope.bulkSql("x")
        + " from bulk_invitation x where x.process_instance_key = "
        + key
        + ") found order by v desc limit 1), false)";
  }
}
