package io.passerelle.engine;

import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.deployment.DeploymentRecord;
import io.camunda.zeebe.protocol.impl.record.value.incident.IncidentRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DeploymentIntent;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.time.Instant;
import java.util.HashMap;
import java.util.function.Predicate;

/**
 * Applies the engine's records to the projection's state ({@link ProjectionState}), one at a time,
 * as {@link EngineRecordProjection} reads them from the log: user tasks, process instances and
 * their steps, incidents, form-field variables, deployments, and user-task rejections. Reuses its
 * record objects: called under the projection's lock only.
 */
final class ProjectionRecords {

  private final ProjectionState state;
  private final EngineRecordProjection.ElementNames names;
  private final Predicate<String> formFields;

  private final RecordMetadata metadata = new RecordMetadata();
  private final UserTaskRecord userTask = new UserTaskRecord();
  private final ProcessInstanceRecord processInstance = new ProcessInstanceRecord();
  private final IncidentRecord incident = new IncidentRecord();
  private final VariableRecord variable = new VariableRecord();
  private final DeploymentRecord deployment = new DeploymentRecord();

  ProjectionRecords(
      ProjectionState state,
      EngineRecordProjection.ElementNames names,
      Predicate<String> formFields) {
    this.state = state;
    this.names = names;
    this.formFields = formFields;
  }

  /** Applies one record: an event, or the rejection of a user-task command; others are skipped. */
  void apply(LoggedEvent event) {
    metadata.reset();
    event.readMetadata(metadata);
    if (metadata.getRecordType() == RecordType.EVENT) {
      apply(event, metadata.getValueType(), metadata.getIntent());
    } else if (metadata.getRecordType() == RecordType.COMMAND_REJECTION
        && metadata.getValueType() == ValueType.USER_TASK) {
      state.rememberRejection(event.getSourceEventPosition(), metadata.getRejectionReason());
    }
  }

  private void apply(LoggedEvent event, ValueType valueType, Intent intent) {
    switch (valueType) {
      case USER_TASK -> applyUserTask(event, (UserTaskIntent) intent);
      case PROCESS_INSTANCE -> applyProcessInstance(event, (ProcessInstanceIntent) intent);
      case INCIDENT -> applyIncident(event, (IncidentIntent) intent);
      case VARIABLE -> applyVariable(event, (VariableIntent) intent);
      case DEPLOYMENT -> {
        if (intent == DeploymentIntent.CREATED) {
          deployment.reset();
          event.readValue(deployment);
          state.deployments.apply(deployment);
        }
      }
      default -> {}
    }
  }

  private void applyUserTask(LoggedEvent event, UserTaskIntent intent) {
    switch (intent) {
      case CREATED -> {
        userTask.reset();
        event.readValue(userTask);
        state.openTasks.put(
            event.getKey(),
            new OpenUserTask(
                event.getKey(),
                userTask.getProcessInstanceKey(),
                userTask.getElementInstanceKey(),
                userTask.getBpmnProcessId(),
                userTask.getElementId(),
                names.nameOf(userTask.getProcessDefinitionKey(), userTask.getElementId()),
                blankToNull(userTask.getAssignee()),
                userTask.getCandidateGroupsList(),
                userTask.getCandidateUsersList(),
                userTask.getFormKey(),
                Instant.ofEpochMilli(event.getTimestamp())));
      }
      case ASSIGNED, UPDATED -> {
        userTask.reset();
        event.readValue(userTask);
        state.openTasks.computeIfPresent(
            event.getKey(), (key, task) -> task.withAssignee(blankToNull(userTask.getAssignee())));
      }
      case COMPLETED, CANCELED -> state.openTasks.remove(event.getKey());
      default -> {}
    }
  }

  private void applyProcessInstance(LoggedEvent event, ProcessInstanceIntent intent) {
    if (intent != ProcessInstanceIntent.ELEMENT_ACTIVATED
        && intent != ProcessInstanceIntent.ELEMENT_COMPLETED
        && intent != ProcessInstanceIntent.ELEMENT_TERMINATED
        && intent != ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN) {
      return;
    }
    processInstance.reset();
    event.readValue(processInstance);
    long instanceKey = processInstance.getProcessInstanceKey();
    if (intent == ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN) {
      ProjectedInstance instance = state.instances.get(instanceKey);
      if (instance != null) {
        instance.passed.add(processInstance.getElementId());
      }
    } else if (processInstance.getBpmnElementType() == BpmnElementType.PROCESS) {
      applyProcess(instanceKey, intent);
    } else {
      applyStep(event, instanceKey, intent);
    }
  }

  /** The process element itself: an instance starts or ends. */
  private void applyProcess(long instanceKey, ProcessInstanceIntent intent) {
    switch (intent) {
      case ELEMENT_ACTIVATED -> {
        state.instances.put(
            instanceKey,
            new ProjectedInstance(
                instanceKey,
                processInstance.getBpmnProcessId(),
                processInstance.getProcessDefinitionKey()));
        ProjectedInstance parent =
            state.instances.get(processInstance.getParentProcessInstanceKey());
        if (parent != null) {
          parent.called.add(instanceKey);
        }
      }
      case ELEMENT_COMPLETED -> state.finish(instanceKey, InstanceState.Status.COMPLETED);
      default -> state.finish(instanceKey, InstanceState.Status.TERMINATED);
    }
  }

  /** An element inside an instance: a step becomes active, or is passed (completed) or left. */
  private void applyStep(LoggedEvent event, long instanceKey, ProcessInstanceIntent intent) {
    ProjectedInstance instance = state.instances.get(instanceKey);
    if (instance == null) {
      return;
    }
    if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
      instance.active.put(
          event.getKey(),
          new InstanceState.ActiveStep(
              event.getKey(),
              processInstance.getElementId(),
              processInstance.getBpmnElementType().name(),
              Instant.ofEpochMilli(event.getTimestamp())));
    } else {
      InstanceState.ActiveStep step = instance.active.remove(event.getKey());
      if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED && step != null) {
        instance.passed.add(step.elementId());
      }
    }
  }

  private void applyVariable(LoggedEvent event, VariableIntent intent) {
    if (intent != VariableIntent.CREATED && intent != VariableIntent.UPDATED) {
      return;
    }
    variable.reset();
    event.readValue(variable);
    String name = variable.getName();
    if (!formFields.test(name)) {
      return;
    }
    // a start's variables are written before the process element is activated: kept by instance
    // key, not on the instance, and dropped when the instance ends
    ProjectedInstance instance = state.instances.get(variable.getProcessInstanceKey());
    if (instance == null || instance.status == InstanceState.Status.ACTIVE) {
      state
          .variables
          .computeIfAbsent(variable.getProcessInstanceKey(), key -> new HashMap<>())
          .computeIfAbsent(variable.getScopeKey(), scope -> new HashMap<>())
          .put(name, variable.getValue());
    }
  }

  private void applyIncident(LoggedEvent event, IncidentIntent intent) {
    incident.reset();
    event.readValue(incident);
    ProjectedInstance instance = state.instances.get(incident.getProcessInstanceKey());
    if (instance == null) {
      return;
    }
    if (intent == IncidentIntent.CREATED) {
      instance.incidents.put(
          event.getKey(),
          new InstanceState.Incident(
              event.getKey(),
              incident.getElementId(),
              incident.getJobKey(),
              incident.getErrorType().name(),
              incident.getErrorMessage(),
              Instant.ofEpochMilli(event.getTimestamp())));
    } else if (intent == IncidentIntent.RESOLVED) {
      instance.incidents.remove(event.getKey());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
