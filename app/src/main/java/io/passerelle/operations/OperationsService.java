package io.passerelle.operations;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossiercreation.LostDossierRequests;
import io.passerelle.engine.OpenIncident;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.LostOnboardings;
import io.passerelle.staff.StaffErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What the operator page and {@code /api/operations} do, for the office administrator only ({@code
 * ADMINISTRATOR_ONLY} otherwise): the reconciliation's report, a new check, the actions on a lost
 * onboarding or dossier request, and the incidents grouped by kind with their retries.
 *
 * <p>Every action changes something once: a lost onboarding restarted or closed is no longer
 * running with the lost instance, so a second click finds nothing to do; an incident resolved is no
 * longer open, so a second retry skips it. Retries run one at a time (a second request waits for
 * the first), in batches of {@link ProcessEngine#RETRY_BATCH}.
 */
@Service
public class OperationsService {

  /** How many incidents of a group the page lists, to select from (the oldest). */
  public static final int SHOWN_PER_GROUP = 100;

  /** At most this many incidents a request retries (the next request takes the rest). */
  public static final int MAX_RETRY = 10_000;

  private final Reconciliation reconciliation;
  private final LostOnboardings onboardings;
  private final LostDossierRequests requests;
  private final ProcessEngine engine;
  private final ActivityService activity;
  private final ReentrantLock retrying = new ReentrantLock();

  OperationsService(
      Reconciliation reconciliation,
      LostOnboardings onboardings,
      LostDossierRequests requests,
      ProcessEngine engine,
      ActivityService activity) {
    this.reconciliation = reconciliation;
    this.onboardings = onboardings;
    this.requests = requests;
    this.engine = engine;
    this.activity = activity;
  }

  public ReconciliationReport reconciliation(Actor actor) {
    requireAdministrator(actor);
    return reconciliation.latest();
  }

  public ReconciliationReport reconcileNow(Actor actor) {
    requireAdministrator(actor);
    return reconciliation.run();
  }

  /** Restarts a lost onboarding; true when this call did it, false when it was done already. */
  public boolean restartOnboarding(long onboardingId, long lostKey, Actor actor) {
    requireAdministrator(actor);
    boolean done =
        onboardings.restart(onboardingId, lostKey, actor) == LostOnboardings.Outcome.DONE;
    reconciliation.resolved(LostInstance.Kind.ONBOARDING, onboardingId);
    return done;
  }

  public boolean closeOnboarding(long onboardingId, long lostKey, Actor actor) {
    requireAdministrator(actor);
    boolean done = onboardings.close(onboardingId, lostKey, actor) == LostOnboardings.Outcome.DONE;
    reconciliation.resolved(LostInstance.Kind.ONBOARDING, onboardingId);
    return done;
  }

  public boolean restartDossierRequest(long requestId, long lostKey, Actor actor) {
    requireAdministrator(actor);
    boolean done = requests.restart(requestId, lostKey, actor);
    reconciliation.resolved(LostInstance.Kind.DOSSIER_REQUEST, requestId);
    return done;
  }

  /** Every open incident, grouped by kind, the largest group first. */
  public List<IncidentGroup> incidents(Actor actor) {
    requireAdministrator(actor);
    Map<String, List<OpenIncident>> byKind = new LinkedHashMap<>();
    for (OpenIncident incident : engine.openIncidents()) {
      byKind.computeIfAbsent(kindOf(incident), k -> new ArrayList<>()).add(incident);
    }
    List<IncidentGroup> groups = new ArrayList<>();
    byKind.forEach(
        (kind, incidents) -> {
          incidents.sort(
              java.util.Comparator.comparing(
                  OpenIncident::created,
                  java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
          OpenIncident first = incidents.getFirst();
          String name = engine.elementName(first.processDefinitionKey(), first.elementId());
          groups.add(
              new IncidentGroup(
                  kind,
                  first.bpmnProcessId(),
                  first.elementId(),
                  name == null ? first.elementId() : name,
                  first.errorType(),
                  first.errorMessage(),
                  incidents.size(),
                  first.created(),
                  List.copyOf(incidents.subList(0, Math.min(SHOWN_PER_GROUP, incidents.size())))));
        });
    groups.sort(
        java.util.Comparator.comparingInt(IncidentGroup::count)
            .reversed()
            .thenComparing(IncidentGroup::kind));
    return groups;
  }

  /** Retries the selected incidents that are still open (the others are skipped). */
  public RetryOutcome retry(Collection<Long> incidentKeys, Actor actor) {
    requireAdministrator(actor);
    if (incidentKeys.isEmpty()) {
      throw DomainException.invalid(
          OperationsErrors.NO_INCIDENT_SELECTED,
          "incidentKeys",
          "Select at least one incident to retry.");
    }
    Set<Long> wanted = Set.copyOf(incidentKeys);
    return retryWhere(
        wanted.size(), incident -> wanted.contains(incident.incidentKey()), "SELECTED", actor);
  }

  /** Retries every open incident of one kind. */
  public RetryOutcome retryKind(String kind, Actor actor) {
    requireAdministrator(actor);
    if (kind == null || !kind.matches("[0-9a-f]{16}")) {
      throw DomainException.invalid(
          OperationsErrors.INVALID_INCIDENT_KIND,
          "kind",
          "An incident kind is 16 hexadecimal characters.");
    }
    return retryWhere(-1, incident -> kind.equals(kindOf(incident)), kind, actor);
  }

  private RetryOutcome retryWhere(
      int requested, java.util.function.Predicate<OpenIncident> which, String what, Actor actor) {
    retrying.lock();
    try {
      List<OpenIncident> open =
          engine.openIncidents().stream().filter(which).limit(MAX_RETRY).toList();
      int retried = open.isEmpty() ? 0 : engine.retryIncidents(open, 1);
      if (retried > 0) {
        activity.record(
            ActivityRecord.of(ActivityType.INCIDENTS_RETRIED, actor, null, null)
                .with("kind", what)
                .with("retried", retried)
                .with(
                    "elements",
                    open.stream()
                        .map(OpenIncident::elementId)
                        .distinct()
                        .sorted()
                        .collect(Collectors.joining(","))));
      }
      return new RetryOutcome(requested < 0 ? open.size() : requested, retried);
    } finally {
      retrying.unlock();
    }
  }

  /** The kind of an incident: its step, error type and message, hashed to 16 hex characters. */
  static String kindOf(OpenIncident incident) {
    String key =
        incident.bpmnProcessId()
            + '\n'
            + incident.elementId()
            + '\n'
            + incident.errorType()
            + '\n'
            + shape(incident.errorMessage());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.util.regex.Pattern UUID =
      java.util.regex.Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d+");

  /**
   * A message's shape: the first line with its ids and keys (numbers, UUIDs) blanked, so that the
   * same failure of thousands of invitations ("… the mail invitation/812/… : Connection refused",
   * retries left) is one kind.
   */
  static String shape(String message) {
    if (message == null) {
      return "";
    }
    return NUMBER.matcher(UUID.matcher(message).replaceAll("#")).replaceAll("#");
  }

  static void requireAdministrator(Actor actor) {
    if (!actor.isAdministrator()) {
      throw DomainException.forbidden(
          StaffErrors.ADMINISTRATOR_ONLY,
          "Only the office administrator may see and act on the engine's reconciliation and"
              + " incidents.");
    }
  }
}
