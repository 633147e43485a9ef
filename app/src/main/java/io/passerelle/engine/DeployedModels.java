package io.passerelle.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What this application deployed: processes, decisions and forms with their versions, and the
 * business names of the process elements (the embedded engine's records carry ids only).
 */
public final class DeployedModels {

  /** A process definition as deployed. */
  public record DeployedProcess(
      String bpmnProcessId, int version, long processDefinitionKey, String resourceName) {}

  /** A decision or a form as deployed. */
  public record DeployedResource(String id, int version, long key, String name) {}

  private final List<DeployedProcess> processes = new CopyOnWriteArrayList<>();
  private final List<DeployedResource> decisions = new CopyOnWriteArrayList<>();
  private final List<DeployedResource> forms = new CopyOnWriteArrayList<>();
  private final Map<Long, Map<String, String>> elementNames = new ConcurrentHashMap<>();
  private final Map<String, byte[]> bpmnByResourceName = new ConcurrentHashMap<>();
  private final Map<String, byte[]> formByResourceName = new ConcurrentHashMap<>();
  private volatile boolean startupDeploymentDone;
  private final java.util.Set<String> formFields = ConcurrentHashMap.newKeySet();
  private static final com.fasterxml.jackson.databind.ObjectMapper FORM_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  void rememberSource(String resourceName, byte[] content) {
    if (resourceName.endsWith(".bpmn")) {
      bpmnByResourceName.put(resourceName, content);
    } else if (resourceName.endsWith(".form")) {
      formByResourceName.put(resourceName, content);
      formFields.addAll(fieldKeys(content));
    }
  }

  /** Whether a variable is named like a field of a deployed form (it may prefill a task form). */
  public boolean isFormField(String variableName) {
    return formFields.contains(variableName);
  }

  private static java.util.Set<String> fieldKeys(byte[] form) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    try {
      collectKeys(FORM_JSON.readTree(form).path("components"), keys);
    } catch (java.io.IOException e) {
      // a form that is not JSON: the engine refuses its deployment and says why
    }
    return keys;
  }

  private static void collectKeys(
      com.fasterxml.jackson.databind.JsonNode components, java.util.Set<String> keys) {
    for (var component : components) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      collectKeys(component.path("components"), keys);
    }
  }

  void addProcess(DeployedProcess process) {
    processes.removeIf(p -> p.processDefinitionKey() == process.processDefinitionKey());
    processes.add(process);
    byte[] bpmn = bpmnByResourceName.get(process.resourceName());
    if (bpmn != null) {
      var model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
      elementNames.put(
          process.processDefinitionKey(),
          model.getModelElementsByType(FlowElement.class).stream()
              .filter(e -> e.getName() != null)
              .collect(Collectors.toMap(FlowElement::getId, FlowElement::getName, (a, b) -> a)));
    }
  }

  /** A process's latest version kept on the cluster, read from there (its names, its diagram). */
  void rememberLatest(ModeOperations.LatestDefinition latest) {
    String resourceName = latest.bpmnProcessId() + "-v" + latest.version() + ".bpmn";
    rememberSource(resourceName, latest.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    addProcess(
        new DeployedProcess(
            latest.bpmnProcessId(), latest.version(), latest.processDefinitionKey(), resourceName));
  }

  void addDecision(DeployedResource decision) {
    decisions.removeIf(d -> d.key() == decision.key());
    decisions.add(decision);
  }

  void addForm(DeployedResource form) {
    forms.removeIf(f -> f.key() == form.key());
    forms.add(form);
  }

  /** The start-up deployment is over (or turned off): the processes can be started. */
  void startupDeploymentDone() {
    startupDeploymentDone = true;
  }

  /** Whether the start-up deployment is over; until then the engine's health is OUT_OF_SERVICE. */
  public boolean isStartupDeploymentDone() {
    return startupDeploymentDone;
  }

  public List<DeployedProcess> processes() {
    return List.copyOf(processes);
  }

  public List<DeployedResource> decisions() {
    return List.copyOf(decisions);
  }

  public List<DeployedResource> forms() {
    return List.copyOf(forms);
  }

  /** The BPMN XML of a deployed process definition, for a diagram viewer. */
  public java.util.Optional<String> bpmnXml(long processDefinitionKey) {
    return processes.stream()
        .filter(p -> p.processDefinitionKey() == processDefinitionKey)
        .findFirst()
        .map(p -> bpmnByResourceName.get(p.resourceName()))
        .map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The BPMN XML of the latest deployed version of a process. */
  public java.util.Optional<String> latestBpmnXml(String bpmnProcessId) {
    return processes.stream()
        .filter(p -> p.bpmnProcessId().equals(bpmnProcessId))
        .max(java.util.Comparator.comparingInt(DeployedProcess::version))
        .flatMap(p -> bpmnXml(p.processDefinitionKey()));
  }

  /** The Camunda form JSON (the schema Tasklist and form-js render) of a deployed form. */
  public java.util.Optional<String> formSchema(long formKey) {
    return forms.stream()
        .filter(f -> f.key() == formKey)
        .findFirst()
        .map(f -> formByResourceName.get(f.name()))
        .map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Whether the element names of that process definition are known here. */
  boolean knowsDefinition(long processDefinitionKey) {
    return elementNames.containsKey(processDefinitionKey);
  }

  /** Learns the element names of a definition read from the cluster (any version, any deployer). */
  void rememberNames(long processDefinitionKey, String bpmnXml) {
    var model =
        Bpmn.readModelFromStream(
            new ByteArrayInputStream(bpmnXml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    elementNames.put(
        processDefinitionKey,
        model.getModelElementsByType(FlowElement.class).stream()
            .filter(e -> e.getName() != null)
            .collect(Collectors.toMap(FlowElement::getId, FlowElement::getName, (a, b) -> a)));
  }

  /** The business name of an element, or null when the model is not one this app deployed. */
  public String elementName(long processDefinitionKey, String elementId) {
    return elementNames.getOrDefault(processDefinitionKey, Map.of()).get(elementId);
  }
}
