package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Retries incidents for {@link ProcessEngine}, as Operate's "retry" does: a job incident gets its
 * job's retries back, then the incident is resolved. The same commands in both modes; an incident
 * the engine no longer knows (a second click) is skipped, never an error.
 */
final class IncidentRetries {

  private final CamundaClient client;
  private final Duration timeout;

  IncidentRetries(CamundaClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** See {@link ProcessEngine#retryIncident}. */
  boolean retryOne(long incidentKey, long jobKey, int retries) {
    requireRetries(retries);
    try {
      if (jobKey > 0) {
        client
            .newUpdateRetriesCommand(jobKey)
            .retries(retries)
            .send()
            .join(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      client
          .newResolveIncidentCommand(incidentKey)
          .send()
          .join(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RuntimeException e) {
      // gRPC NOT_FOUND, or REST 404: the incident (or its job) is gone, resolved by a first click
      if (EngineErrors.kind(e) == EngineErrors.Kind.NOT_FOUND) {
        return false;
      }
      throw EngineErrors.translate("retry incident " + incidentKey, e);
    }
  }

  /** See {@link ProcessEngine#retryIncidents}. */
  int retryAll(List<OpenIncident> incidents, int retries) {
    requireRetries(retries);
    int resolved = 0;
    for (int from = 0; from < incidents.size(); from += ProcessEngine.RETRY_BATCH) {
      resolved +=
          retryBatch(
              incidents.subList(from, Math.min(incidents.size(), from + ProcessEngine.RETRY_BATCH)),
              retries);
    }
    return resolved;
  }

  /** The batch's retries sent together and awaited, then its resolutions; how many resolved. */
  private int retryBatch(List<OpenIncident> batch, int retries) {
    List<CompletionStage<?>> updates = new ArrayList<>();
    for (OpenIncident incident : batch) {
      updates.add(
          incident.jobKey() > 0
              ? client.newUpdateRetriesCommand(incident.jobKey()).retries(retries).send()
              : CompletableFuture.completedFuture(null));
    }
    List<Boolean> jobKnown = awaitAll("give jobs their retries back", updates);
    List<CompletionStage<?>> resolutions = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      resolutions.add(
          jobKnown.get(i)
              ? client.newResolveIncidentCommand(batch.get(i).incidentKey()).send()
              : CompletableFuture.completedFuture(null));
    }
    List<Boolean> done = awaitAll("resolve incidents", resolutions);
    int resolved = 0;
    for (int i = 0; i < batch.size(); i++) {
      if (jobKnown.get(i) && done.get(i)) {
        resolved++;
      }
    }
    return resolved;
  }

  private static void requireRetries(int retries) {
    if (retries < 1) {
      throw new IllegalArgumentException("a retry needs at least one retry");
    }
  }

  /** Waits for each answer: true when it came, false for a NOT_FOUND; anything else is thrown. */
  private List<Boolean> awaitAll(String what, List<CompletionStage<?>> pending) {
    List<Boolean> outcomes = new ArrayList<>(pending.size());
    RuntimeException failure = null;
    for (CompletionStage<?> stage : pending) {
      try {
        stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        outcomes.add(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException("Interrupted while waiting to " + what, e);
      } catch (ExecutionException e) {
        failure = outcome(what, e.getCause() == null ? e : e.getCause(), outcomes, failure);
      } catch (TimeoutException e) {
        failure = outcome(what, e, outcomes, failure);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return outcomes;
  }

  /** A NOT_FOUND is an outcome (false); the first other error is kept to be thrown. */
  private static RuntimeException outcome(
      String what, Throwable error, List<Boolean> outcomes, RuntimeException failure) {
    outcomes.add(false);
    if (EngineErrors.kind(error) == EngineErrors.Kind.NOT_FOUND || failure != null) {
      return failure;
    }
    return EngineErrors.translate(
        what, error instanceof RuntimeException runtime ? runtime : new CompletionException(error));
  }
}
