package io.passerelle.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the projection ({@link EngineRecordProjection}) keeps of one process instance: its status,
 * the elements it passed, the instances it called, its active steps and open incidents.
 */
final class ProjectedInstance {
  final long key;
  final String bpmnProcessId;
  final long processDefinitionKey;
  final Set<String> passed = new LinkedHashSet<>();
  final List<Long> called = new ArrayList<>();
  InstanceState.Status status = InstanceState.Status.ACTIVE;
  final Map<Long, InstanceState.ActiveStep> active = new LinkedHashMap<>();
  final Map<Long, InstanceState.Incident> incidents = new LinkedHashMap<>();

  ProjectedInstance(long key, String bpmnProcessId, long processDefinitionKey) {
    this.key = key;
    this.bpmnProcessId = bpmnProcessId;
    this.processDefinitionKey = processDefinitionKey;
  }

  InstanceTrail toTrail() {
    return new InstanceTrail(key, processDefinitionKey, bpmnProcessId, passed, called);
  }

  InstanceState toState() {
    return new InstanceState(
        key,
        bpmnProcessId,
        status,
        new ArrayList<>(active.values()),
        new ArrayList<>(incidents.values()));
  }

  /** Its open incidents, as the incidents page lists them. */
  List<OpenIncident> openIncidents() {
    List<OpenIncident> open = new ArrayList<>();
    for (InstanceState.Incident incident : incidents.values()) {
      open.add(
          new OpenIncident(
              incident.incidentKey(),
              key,
              bpmnProcessId,
              processDefinitionKey,
              incident.elementId(),
              incident.jobKey(),
              incident.errorType(),
              incident.errorMessage(),
              incident.created()));
    }
    return open;
  }
}
