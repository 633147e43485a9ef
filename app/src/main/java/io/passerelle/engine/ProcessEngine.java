package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.Resource;

/**
 * The application's one door to the process engine, whatever its mode.
 *
 * <p>Commands (deploy, start, publish a message) go through the {@link CamundaClient} in both modes
 * (REST on a cluster, gRPC to the embedded engine); user-task commands and queries go through
 * {@link ModeOperations}: REST on a cluster, the engine's log writer and a record-stream projection
 * when embedded. Whatever the transport, an engine error leaves here as one of the application's
 * exceptions ({@link EngineErrors}): {@link EngineUnavailableException}, {@link
 * UnknownInstanceException}, {@link EngineException}.
 */
public class ProcessEngine {

  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(1);

  private final CamundaClient client;
  private final ModeOperations operations;
  private final EngineMode mode;
  private final DeployedModels deployed;
  private final Duration timeout;

  ProcessEngine(
      CamundaClient client,
      ModeOperations operations,
      EngineMode mode,
      DeployedModels deployed,
      Duration timeout) {
    this.client = client;
    this.operations = operations;
    this.mode = mode;
    this.deployed = deployed;
    this.timeout = timeout;
  }

  public EngineMode mode() {
    return mode;
  }

  /**
   * Whether the engine's searches show a change a moment after it (a cluster's exporter and
   * secondary storage), rather than at once (the embedded engine's projection).
   */
  public boolean searchLags() {
    return mode == EngineMode.REMOTE;
  }

  public DeployedModels deployedModels() {
    return deployed;
  }

  /** Where the engine is: the cluster's REST address (the key of the deployment record). */
  String target() {
    return String.valueOf(client.getConfiguration().getRestAddress());
  }

  /**
   * Deploys BPMN, DMN and form resources together. Deploying an unchanged resource again creates no
   * new version.
   */
  public DeploymentEvent deploy(List<Resource> resources) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("Nothing to deploy");
    }
    var command = client.newDeployResourceCommand();
    io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
    for (Resource resource : resources) {
      byte[] content = read(resource);
      String name = resource.getFilename();
      deployed.rememberSource(name, content);
      step =
          step == null
              ? command.addResourceBytes(content, name)
              : step.addResourceBytes(content, name);
    }
    // a deployment parses and checks every model: it may take longer than a command
    Duration deployTimeout = timeout.compareTo(DEPLOY_TIMEOUT) > 0 ? timeout : DEPLOY_TIMEOUT;
    var request = step.requestTimeout(deployTimeout);
    DeploymentEvent event =
        EngineErrors.call(
            "deploy the models",
            () -> request.send().join(deployTimeout.toMillis(), TimeUnit.MILLISECONDS));
    event
        .getProcesses()
        .forEach(
            p ->
                deployed.addProcess(
                    new DeployedModels.DeployedProcess(
                        p.getBpmnProcessId(),
                        p.getVersion(),
                        p.getProcessDefinitionKey(),
                        p.getResourceName())));
    event
        .getDecisions()
        .forEach(
            d ->
                deployed.addDecision(
                    new DeployedModels.DeployedResource(
                        d.getDmnDecisionId(),
                        d.getVersion(),
                        d.getDecisionKey(),
                        d.getDmnDecisionName())));
    event
        .getForm()
        .forEach(
            f ->
                deployed.addForm(
                    new DeployedModels.DeployedResource(
                        f.getFormId(), f.getVersion(), f.getFormKey(), f.getResourceName())));
    return event;
  }

  /**
   * When the engine already holds these resources unchanged as its latest versions (embedded mode,
   * after a restart): learns the deployed models from it, as a deployment would have told them, and
   * returns true; nothing is sent to the engine. False otherwise (they must be deployed).
   *
   * @param resources resource name → content
   */
  boolean adoptUnchanged(Map<String, byte[]> resources) {
    var held = operations.heldUnchanged(resources);
    if (held.isEmpty()) {
      return false;
    }
    resources.forEach(deployed::rememberSource);
    for (EngineDeployments.Definition d : held.get()) {
      switch (d.kind()) {
        case PROCESS ->
            deployed.addProcess(
                new DeployedModels.DeployedProcess(d.id(), d.version(), d.key(), d.resourceName()));
        case DECISION ->
            deployed.addDecision(
                new DeployedModels.DeployedResource(d.id(), d.version(), d.key(), d.name()));
        case FORM ->
            deployed.addForm(
                new DeployedModels.DeployedResource(
                    d.id(), d.version(), d.key(), d.resourceName()));
        case DECISION_REQUIREMENTS -> {}
      }
    }
    return true;
  }

  /** Starts the latest version of a process; returns the process instance key. */
  public long startInstance(String bpmnProcessId, Map<String, Object> variables) {
    return EngineErrors.call(
        "start " + bpmnProcessId,
        () ->
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(bpmnProcessId)
                .latestVersion()
                .variables(variables)
                .send()
                .join(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .getProcessInstanceKey());
  }

  /**
   * Cancels a process instance (and the instances it called). Used for an instance that must not
   * run at all: a second start of one journey (see {@code OnboardingInstanceClaim}).
   *
   * @return false when the engine no longer knows the instance (ended or cancelled already)
   */
  public boolean cancelInstance(long processInstanceKey) {
    try {
      client
          .newCancelInstanceCommand(processInstanceKey)
          .send()
          .join(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RuntimeException e) {
      if (EngineErrors.kind(e) == EngineErrors.Kind.NOT_FOUND) {
        return false;
      }
      throw EngineErrors.translate("cancel instance " + processInstanceKey, e);
    }
  }

  /**
   * Publishes a message. The {@code messageId} makes it idempotent: while the first message with
   * that id is buffered, a second publication is refused by the engine and ignored here.
   *
   * @return true when published, false when a message with that id was already there
   */
  public boolean publishMessage(
      String name,
      String correlationKey,
      String messageId,
      Duration timeToLive,
      Map<String, Object> variables) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(name)
          .correlationKey(correlationKey)
          .messageId(messageId)
          .timeToLive(timeToLive)
          .variables(variables)
          .send()
          .join(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RuntimeException e) {
      // gRPC ALREADY_EXISTS, or REST 409 with the title ALREADY_EXISTS
      if (EngineErrors.kind(e) == EngineErrors.Kind.ALREADY_EXISTS) {
        return false;
      }
      throw EngineErrors.translate("publish message " + name, e);
    }
  }

  /** Every open user task (all pages): for the task lists. */
  public List<OpenUserTask> openUserTasks() {
    return operations.openUserTasks();
  }

  /** The open user tasks of one process instance, asked of the engine with that filter. */
  public List<OpenUserTask> openUserTasks(long processInstanceKey) {
    return operations.openUserTasks(processInstanceKey);
  }

  /**
   * The schema of the task's form, from where the task lives: the cluster's form for that task (the
   * version linked when the task was created, whoever deployed it), the deployed form when
   * embedded.
   */
  public Optional<String> userTaskForm(long userTaskKey) {
    return operations.userTaskForm(userTaskKey);
  }

  /** The variables the task sees, to prefill its form as Tasklist does. */
  public Map<String, Object> userTaskVariables(long userTaskKey) {
    return operations.userTaskVariables(userTaskKey);
  }

  /** The BPMN XML of a deployed process definition, for a diagram of an instance of any version. */
  public Optional<String> processDefinitionXml(long processDefinitionKey) {
    return operations.processDefinitionXml(processDefinitionKey);
  }

  /**
   * The business name of an element of a definition, or null. A definition this application did not
   * deploy (an older version, one deployed from Modeler) is read from the cluster once.
   */
  public String elementName(long processDefinitionKey, String elementId) {
    if (mode == EngineMode.REMOTE && !deployed.knowsDefinition(processDefinitionKey)) {
      operations
          .processDefinitionXml(processDefinitionKey)
          .ifPresent(xml -> deployed.rememberNames(processDefinitionKey, xml));
    }
    return deployed.elementName(processDefinitionKey, elementId);
  }

  /** The latest deployed version of a process, whoever deployed it (the app, Modeler). */
  Optional<ModeOperations.LatestDefinition> latestDefinition(String bpmnProcessId) {
    return operations.latestDefinition(bpmnProcessId);
  }

  public Optional<OpenUserTask> openUserTask(long userTaskKey) {
    return operations.openUserTask(userTaskKey);
  }

  /** Assigns (claims) a user task; {@code null} unassigns it. */
  public void assignUserTask(long userTaskKey, String assignee) {
    operations.assignUserTask(userTaskKey, assignee);
  }

  /** Completes a user task, merging the variables into the process as Tasklist does. */
  public void completeUserTask(long userTaskKey, Map<String, Object> variables) {
    operations.completeUserTask(userTaskKey, variables);
  }

  /** Where a process instance stands. */
  public InstanceState instanceState(long processInstanceKey) {
    return operations
        .instanceState(processInstanceKey)
        .orElseThrow(
            () ->
                new UnknownInstanceException("No process instance with key " + processInstanceKey));
  }

  /** The elements an instance passed and the instances it called, for its diagram. */
  public InstanceTrail instanceTrail(long processInstanceKey) {
    return operations
        .instanceTrail(processInstanceKey)
        .orElseThrow(
            () ->
                new UnknownInstanceException("No process instance with key " + processInstanceKey));
  }

  /**
   * Retries what an incident holds, as Operate's "retry" does: a job incident gets its job's
   * retries back to {@code retries}, then the incident is resolved and the engine tries again. An
   * incident already resolved (a second click) changes nothing.
   *
   * @return false when the engine no longer knows the incident (already resolved)
   */
  public boolean retryIncident(long incidentKey, long jobKey, int retries) {
    if (retries < 1) {
      throw new IllegalArgumentException("a retry needs at least one retry");
    }
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

  /**
   * Which of these instances the engine knows, with their status; a key absent from the answer is
   * an instance the engine does not know at all (a cluster restored from an old backup, a data
   * directory deleted). Embedded: the projection answers in memory; remote: searches by keys,
   * {@value RemoteModeOperations#KEYS_PER_SEARCH} keys a request.
   */
  public Map<Long, InstanceState.Status> instanceStatuses(Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    return operations.instanceStatuses(processInstanceKeys);
  }

  /** Every open incident of every instance (the cluster's search, paged to the end). */
  public List<OpenIncident> openIncidents() {
    return operations.openIncidents();
  }

  /** How many incidents a bulk retry sends before it waits for their answers. */
  public static final int RETRY_BATCH = 100;

  /**
   * Retries many incidents as {@link #retryIncident} does one, in batches of {@value #RETRY_BATCH}:
   * the batch's retries are sent together and awaited, then its resolutions. An incident the engine
   * no longer knows (resolved meanwhile, a second click) is skipped.
   *
   * @return how many incidents this call resolved
   */
  public int retryIncidents(List<OpenIncident> incidents, int retries) {
    if (retries < 1) {
      throw new IllegalArgumentException("a retry needs at least one retry");
    }
    int resolved = 0;
    for (int from = 0; from < incidents.size(); from += RETRY_BATCH) {
      List<OpenIncident> batch =
          incidents.subList(from, Math.min(incidents.size(), from + RETRY_BATCH));
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
      for (int i = 0; i < batch.size(); i++) {
        if (jobKnown.get(i) && done.get(i)) {
          resolved++;
        }
      }
    }
    return resolved;
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
      } catch (java.util.concurrent.ExecutionException e) {
        failure = outcome(what, e.getCause() == null ? e : e.getCause(), outcomes, failure);
      } catch (java.util.concurrent.TimeoutException e) {
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
        what,
        error instanceof RuntimeException runtime
            ? runtime
            : new java.util.concurrent.CompletionException(error));
  }

  /**
   * Sets variables on a process instance's root scope (the same command in both modes): erasure
   * overwrites what a live instance may still hold about a person.
   *
   * @return false when the engine no longer knows the instance (it ended)
   */
  public boolean setVariables(long processInstanceKey, Map<String, Object> variables) {
    try {
      client
          .newSetVariablesCommand(processInstanceKey)
          .variables(variables)
          .local(false)
          .send()
          .join(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RuntimeException e) {
      // gRPC NOT_FOUND, or REST 404: the instance ended
      if (EngineErrors.kind(e) == EngineErrors.Kind.NOT_FOUND) {
        return false;
      }
      throw EngineErrors.translate("set variables of instance " + processInstanceKey, e);
    }
  }

  /** Whether the engine's gateway answers a topology request within the timeout. */
  public Topology topology(Duration within) {
    var topology =
        EngineErrors.call(
            "answer a topology request",
            () ->
                client.newTopologyRequest().send().join(within.toMillis(), TimeUnit.MILLISECONDS));
    return new Topology(
        topology.getGatewayVersion(), topology.getClusterSize(), topology.getPartitionsCount());
  }

  /** The answer of the gateway's topology request. */
  public record Topology(String gatewayVersion, int brokers, int partitions) {}

  private static byte[] read(Resource resource) {
    try (var in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }
}
