package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * UnknownInstanceException}, {@link EngineException}. The deployment of the models ({@link
 * ModelDeployment}) and the retries of incidents ({@link IncidentRetries}) are its collaborators.
 */
public class ProcessEngine {

  private final CamundaClient client;
  private final ModeOperations operations;
  private final EngineMode mode;
  private final DeployedModels deployed;
  private final Duration timeout;

  private final ModelDeployment deployment;
  private final IncidentRetries incidentRetries;

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
    this.deployment = new ModelDeployment(client, operations, deployed, timeout);
    this.incidentRetries = new IncidentRetries(client, timeout);
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
    return deployment.deploy(resources);
  }

  /**
   * When the engine already holds these resources unchanged as its latest versions (embedded mode,
   * after a restart): learns the deployed models from it, as a deployment would have told them, and
   * returns true; nothing is sent to the engine. False otherwise (they must be deployed).
   *
   * @param resources resource name → content
   */
  boolean adoptUnchanged(Map<String, byte[]> resources) {
    return deployment.adoptUnchanged(resources);
  }

  /**
   * Waits, at most {@code within}, until the engine takes new work without pushing back (embedded
   * mode: its backlog is below the limit with a margin); true when it does, at once in remote mode.
   * A caller about to start many instances waits here instead of being refused and trying again.
   */
  public boolean awaitCapacity(Duration within) {
    return operations.awaitCapacity(within);
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

  /** Every open user task (all pages). */
  public List<OpenUserTask> openUserTasks() {
    return operations.openUserTasks(UserTaskQuery.ALL);
  }

  /** The open user tasks of one process instance, asked of the engine with that filter. */
  public List<OpenUserTask> openUserTasks(long processInstanceKey) {
    return operations.openUserTasks(UserTaskQuery.ofInstance(processInstanceKey));
  }

  /**
   * The open user tasks the query asks for: filtered by the engine (a cluster's search, paged
   * through every result), never fetched whole and filtered here.
   */
  public List<OpenUserTask> openUserTasks(UserTaskQuery query) {
    return operations.openUserTasks(query);
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
    return incidentRetries.retryOne(incidentKey, jobKey, retries);
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
    return incidentRetries.retryAll(incidents, retries);
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
}
