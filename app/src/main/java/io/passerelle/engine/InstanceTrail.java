package io.passerelle.engine;

import java.util.List;
import java.util.Set;

/**
 * The way a process instance went so far, for a diagram of it: its definition (to draw), the
 * elements and sequence flows it passed, and the instances it called (call activities).
 */
public record InstanceTrail(
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    Set<String> passedElementIds,
    List<Long> calledInstanceKeys) {

  public InstanceTrail {
    passedElementIds = Set.copyOf(passedElementIds);
    calledInstanceKeys = List.copyOf(calledInstanceKeys);
  }
}
