package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Camunda 8.8 orchestration cluster: user-task commands and queries through its REST API (the
 * same API Tasklist and Operate use), so a task completed here is completed in Tasklist too.
 */
final class RemoteModeOperations implements ModeOperations {

  private static final int PAGE = 200;

  private final CamundaClient client;
  private final Duration timeout;

  RemoteModeOperations(CamundaClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public List<OpenUserTask> openUserTasks() {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.state(UserTaskState.CREATED))
        .page(p -> p.limit(PAGE))
        .send()
        .join(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .items()
        .stream()
        .map(RemoteModeOperations::toOpenTask)
        .toList();
  }

  @Override
  public Optional<OpenUserTask> openUserTask(long userTaskKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.userTaskKey(userTaskKey).state(UserTaskState.CREATED))
        .send()
        .join(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .items()
        .stream()
        .findFirst()
        .map(RemoteModeOperations::toOpenTask);
  }

  @Override
  public void assignUserTask(long userTaskKey, String assignee) {
    if (assignee == null) {
      client.newUnassignUserTaskCommand(userTaskKey).send().join();
    } else {
      client
          .newAssignUserTaskCommand(userTaskKey)
          .assignee(assignee)
          .allowOverride(true)
          .send()
          .join();
    }
  }

  @Override
  public void completeUserTask(long userTaskKey, Map<String, Object> variables) {
    client
        .newCompleteUserTaskCommand(userTaskKey)
        .variables(variables == null ? Map.of() : variables)
        .send()
        .join();
  }

  @Override
  public Optional<InstanceState> instanceState(long processInstanceKey) {
    io.camunda.client.api.search.response.ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(processInstanceKey).send().join();
    } catch (ProblemException | ClientStatusException e) {
      return Optional.empty();
    }
    var steps =
        client
            .newElementInstanceSearchRequest()
            .filter(
                f -> f.processInstanceKey(processInstanceKey).state(ElementInstanceState.ACTIVE))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items()
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
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).state(IncidentState.ACTIVE))
            .send()
            .join()
            .items()
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
    io.camunda.client.api.search.response.ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(processInstanceKey).send().join();
    } catch (ProblemException | ClientStatusException e) {
      return Optional.empty();
    }
    var passed =
        client
            .newElementInstanceSearchRequest()
            .filter(
                f -> f.processInstanceKey(processInstanceKey).state(ElementInstanceState.COMPLETED))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items()
            .stream()
            .map(e -> e.getElementId())
            .collect(java.util.stream.Collectors.toSet());
    var called =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(processInstanceKey))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items()
            .stream()
            .map(io.camunda.client.api.search.response.ProcessInstance::getProcessInstanceKey)
            .toList();
    return Optional.of(
        new InstanceTrail(
            processInstanceKey,
            instance.getProcessDefinitionKey(),
            instance.getProcessDefinitionId(),
            passed,
            called));
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
