package io.passerelle.engine;

import java.time.Instant;

/**
 * An open incident of any process instance, for the operator page: where it holds (the instance,
 * its process and step), the job to give retries back to, and what a person reads (the first line
 * of the message, as {@link InstanceState.Incident} keeps it).
 */
public record OpenIncident(
    long incidentKey,
    long processInstanceKey,
    String bpmnProcessId,
    long processDefinitionKey,
    String elementId,
    long jobKey,
    String errorType,
    String errorMessage,
    Instant created) {

  public OpenIncident {
    errorMessage = InstanceState.Incident.readable(errorMessage);
  }
}
