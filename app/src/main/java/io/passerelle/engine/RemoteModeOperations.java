package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.JsonMapper;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.request.FinalSearchRequestStep;
import io.camunda.client.api.search.request.SearchRequestPage;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Camunda 8.8 orchestration cluster: user-task commands and queries through its REST API (the
 * same API Tasklist and Operate use), so a task completed here is completed in Tasklist too.
 *
 * <p>Searches read the cluster's secondary storage, filled a moment after the engine writes: they
 * may lag behind a command just sent. So a search is filtered on the cluster (by process instance
 * key), paged through to the end (never "the first 200"), and a key the search does not know yet is
 * reported as {@link InstanceNotIndexedException}, not as unknown.
 */
final class RemoteModeOperations implements ModeOperations {

  /** The page size of every search; the last page is the one with fewer items. */
  static final int PAGE = 200;

  /** A bound on the pages read by one search (PAGE × MAX_PAGES items), against a loop. */
  private static final int MAX_PAGES = 500;

  private final CamundaClient client;
  private final Duration timeout;
  private final JsonMapper json;

  RemoteModeOperations(CamundaClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
    this.json = client.getConfiguration().getJsonMapper();
  }

  @Override
  public List<OpenUserTask> openUserTasks(UserTaskQuery query) {
    return all(
            "search the open user tasks" + query,
            page ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f -> {
                          f.state(UserTaskState.CREATED);
                          if (query.processInstanceKey() != null) {
                            f.processInstanceKey(query.processInstanceKey());
                          }
                          if (query.assignee() != null) {
                            f.assignee(query.assignee());
                          } else if (query.unassigned()) {
                            f.assignee(p -> p.exists(false));
                          }
                          if (query.candidateGroup() != null) {
                            f.candidateGroup(query.candidateGroup());
                          }
                          if (query.candidateUser() != null) {
                            f.candidateUser(query.candidateUser());
                          }
                        })
                    .page(page))
        .stream()
        .map(RemoteModeOperations::toOpenTask)
        .toList();
  }

  @Override
  public Optional<OpenUserTask> openUserTask(long userTaskKey) {
    return send(
            "find user task " + userTaskKey,
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.userTaskKey(userTaskKey).state(UserTaskState.CREATED)))
        .items()
        .stream()
        .findFirst()
        .map(RemoteModeOperations::toOpenTask);
  }

  @Override
  public void assignUserTask(long userTaskKey, String assignee) {
    if (assignee == null) {
      send("unassign user task " + userTaskKey, client.newUnassignUserTaskCommand(userTaskKey));
    } else {
      send(
          "assign user task " + userTaskKey,
          client.newAssignUserTaskCommand(userTaskKey).assignee(assignee).allowOverride(true));
    }
  }

  @Override
  public void completeUserTask(long userTaskKey, Map<String, Object> variables) {
    send(
        "complete user task " + userTaskKey,
        client
            .newCompleteUserTaskCommand(userTaskKey)
            .variables(variables == null ? Map.of() : variables));
  }

  @Override
  public Optional<String> userTaskForm(long userTaskKey) {
    return getOrEmpty(
            "read the form of user task " + userTaskKey,
            client.newUserTaskGetFormRequest(userTaskKey))
        .map(form -> form.getSchema())
        .map(schema -> schema instanceof String text ? text : json.toJson(schema));
  }

  @Override
  public Map<String, Object> userTaskVariables(long userTaskKey) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (var variable :
        all(
            "read the variables of user task " + userTaskKey,
            page ->
                client.newUserTaskVariableSearchRequest(userTaskKey).withFullValues().page(page))) {
      variables.put(
          variable.getName(),
          variable.getValue() == null ? null : json.fromJson(variable.getValue(), Object.class));
    }
    return variables;
  }

  @Override
  public Optional<String> processDefinitionXml(long processDefinitionKey) {
    return getOrEmpty(
        "read the BPMN of process definition " + processDefinitionKey,
        client.newProcessDefinitionGetXmlRequest(processDefinitionKey));
  }

  @Override
  public Optional<LatestDefinition> latestDefinition(String bpmnProcessId) {
    var latest =
        send(
                "find the latest version of " + bpmnProcessId,
                client
                    .newProcessDefinitionSearchRequest()
                    .filter(f -> f.processDefinitionId(bpmnProcessId).isLatestVersion(true)))
            .items()
            .stream()
            .findFirst();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    long key = latest.get().getProcessDefinitionKey();
    return processDefinitionXml(key)
        .map(xml -> new LatestDefinition(bpmnProcessId, latest.get().getVersion(), key, xml));
  }

  @Override
  public Optional<InstanceState> instanceState(long processInstanceKey) {
    ProcessInstance instance = instance(processInstanceKey);
    var steps =
        all(
                "search the active steps of instance " + processInstanceKey,
                page ->
                    client
                        .newElementInstanceSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(processInstanceKey)
                                    .state(ElementInstanceState.ACTIVE))
                        .page(page))
            .stream()
            .filter(e -> !"PROCESS".equals(String.valueOf(e.getType())))
            .map(
                e ->
                    new InstanceState.ActiveStep(
                        e.getElementInstanceKey(),
                        e.getElementId(),
                        String.valueOf(e.getType()),
                        instant(e.getStartDate())))
            .toList();
    var incidents =
        all(
                "search the incidents of instance " + processInstanceKey,
                page ->
                    client
                        .newIncidentSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(processInstanceKey)
                                    .state(IncidentState.ACTIVE))
                        .page(page))
            .stream()
            .map(
                i ->
                    new InstanceState.Incident(
                        i.getIncidentKey(),
                        i.getElementId(),
                        i.getJobKey() == null ? 0 : i.getJobKey(),
                        String.valueOf(i.getErrorType()),
                        i.getErrorMessage(),
                        instant(i.getCreationTime())))
            .toList();
    return Optional.of(
        new InstanceState(
            processInstanceKey,
            instance.getProcessDefinitionId(),
            status(instance.getState()),
            steps,
            incidents));
  }

  @Override
  public Optional<InstanceTrail> instanceTrail(long processInstanceKey) {
    ProcessInstance instance = instance(processInstanceKey);
    var passed =
        all(
                "search the steps instance " + processInstanceKey + " passed",
                page ->
                    client
                        .newElementInstanceSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(processInstanceKey)
                                    .state(ElementInstanceState.COMPLETED))
                        .page(page))
            .stream()
            .map(e -> e.getElementId())
            .collect(Collectors.toSet());
    var called =
        all(
                "search the instances " + processInstanceKey + " called",
                page ->
                    client
                        .newProcessInstanceSearchRequest()
                        .filter(f -> f.parentProcessInstanceKey(processInstanceKey))
                        .page(page))
            .stream()
            .map(ProcessInstance::getProcessInstanceKey)
            .toList();
    return Optional.of(
        new InstanceTrail(
            processInstanceKey,
            instance.getProcessDefinitionKey(),
            instance.getProcessDefinitionId(),
            passed,
            called));
  }

  /**
   * One search a chunk of {@value #KEYS_PER_SEARCH} keys ({@code processInstanceKey: {$in:
   * [...]}}), paged: 10,000 onboardings are 100 requests. An instance started a moment ago may not
   * be indexed yet: the caller leaves recent ones alone.
   */
  @Override
  public Map<Long, InstanceState.Status> instanceStatuses(
      java.util.Collection<Long> processInstanceKeys) {
    List<Long> keys = processInstanceKeys.stream().distinct().toList();
    Map<Long, InstanceState.Status> statuses = new java.util.HashMap<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_SEARCH) {
      List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_SEARCH));
      for (ProcessInstance instance :
          all(
              "search " + chunk.size() + " process instances by key",
              page ->
                  client
                      .newProcessInstanceSearchRequest()
                      .filter(f -> f.processInstanceKey(p -> p.in(chunk)))
                      .page(page))) {
        statuses.put(instance.getProcessInstanceKey(), status(instance.getState()));
      }
    }
    return statuses;
  }

  /** How many keys one search by keys asks for. */
  static final int KEYS_PER_SEARCH = 100;

  @Override
  public List<OpenIncident> openIncidents() {
    return all(
            "search the open incidents",
            page ->
                client
                    .newIncidentSearchRequest()
                    .filter(f -> f.state(IncidentState.ACTIVE))
                    .page(page))
        .stream()
        .map(
            i ->
                new OpenIncident(
                    i.getIncidentKey(),
                    i.getProcessInstanceKey(),
                    i.getProcessDefinitionId(),
                    i.getProcessDefinitionKey() == null ? 0 : i.getProcessDefinitionKey(),
                    i.getElementId(),
                    i.getJobKey() == null ? 0 : i.getJobKey(),
                    String.valueOf(i.getErrorType()),
                    i.getErrorMessage(),
                    instant(i.getCreationTime())))
        .toList();
  }

  /** The instance as the search API knows it; a 404 there is an instance not indexed yet. */
  private ProcessInstance instance(long processInstanceKey) {
    return getOrEmpty(
            "read process instance " + processInstanceKey,
            client.newProcessInstanceGetRequest(processInstanceKey))
        .orElseThrow(
            () ->
                new InstanceNotIndexedException(
                    "The cluster's search does not know process instance "
                        + processInstanceKey
                        + " (yet): it is indexed a moment after it starts"));
  }

  private <T> T send(String what, FinalCommandStep<T> request) {
    return EngineErrors.call(
        what, () -> request.send().join(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  private <T> Optional<T> getOrEmpty(String what, FinalCommandStep<T> request) {
    try {
      return Optional.ofNullable(request.send().join(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (RuntimeException e) {
      if (EngineErrors.kind(e) == EngineErrors.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw EngineErrors.translate(what, e);
    }
  }

  /** Every item of a search, page after page (cursor-based, {@value #PAGE} a page). */
  private <T> List<T> all(
      String what, Function<Consumer<SearchRequestPage>, FinalSearchRequestStep<T>> search) {
    List<T> items = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      String after = cursor;
      SearchResponse<T> response =
          send(
              what,
              search.apply(
                  page -> {
                    page.limit(PAGE);
                    if (after != null) {
                      page.after(after);
                    }
                  }));
      items.addAll(response.items());
      cursor = response.page() == null ? null : response.page().endCursor();
      if (response.items().size() < PAGE || cursor == null) {
        return items;
      }
    }
    throw new EngineException(
        "Too many results to " + what + " (more than " + PAGE * MAX_PAGES + ")");
  }

  private static InstanceState.Status status(ProcessInstanceState state) {
    return switch (state) {
      case COMPLETED -> InstanceState.Status.COMPLETED;
      case TERMINATED -> InstanceState.Status.TERMINATED;
      default -> InstanceState.Status.ACTIVE;
    };
  }

  private static OpenUserTask toOpenTask(UserTask task) {
    return new OpenUserTask(
        task.getUserTaskKey(),
        task.getProcessInstanceKey(),
        task.getElementInstanceKey(),
        task.getBpmnProcessId(),
        task.getElementId(),
        task.getName(),
        task.getAssignee(),
        task.getCandidateGroups() == null ? List.of() : task.getCandidateGroups(),
        task.getCandidateUsers() == null ? List.of() : task.getCandidateUsers(),
        task.getFormKey() == null ? 0 : task.getFormKey(),
        instant(task.getCreationDate()));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
