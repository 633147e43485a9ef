package io.passerelle.engine;

import java.time.Instant;
import java.util.List;

/**
 * A Camunda user task waiting for a person, the same in both modes.
 *
 * @param name the task's name in the model, when known
 * @param formKey the key of the linked Camunda form, 0 when none
 */
public record OpenUserTask(
    long userTaskKey,
    long processInstanceKey,
    long elementInstanceKey,
    String bpmnProcessId,
    String elementId,
    String name,
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    long formKey,
    Instant created) {

  public OpenUserTask {
    candidateGroups = List.copyOf(candidateGroups);
    candidateUsers = List.copyOf(candidateUsers);
  }

  OpenUserTask withAssignee(String newAssignee) {
    return new OpenUserTask(
        userTaskKey,
        processInstanceKey,
        elementInstanceKey,
        bpmnProcessId,
        elementId,
        name,
        newAssignee,
        candidateGroups,
        candidateUsers,
        formKey,
        created);
  }
}
