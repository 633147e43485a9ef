package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.support.PasserelleSpringTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;

/**
 * The engine adapter's operator side, as the staff pages use it without Operate: where an instance
 * went (passed elements, called instances, its deployed XML) and "retry" on an incident.
 */
@PasserelleSpringTest
class IncidentRetryAndTrailTest {

  private static final Duration PATIENCE = Duration.ofSeconds(15);

  @Autowired ProcessEngine engine;
  @Autowired CamundaClient client;

  @Test
  @DisplayName(
      "a job out of retries is an incident with its message; retry gives the job back and the"
          + " instance goes on; a second retry changes nothing")
  void retryAnIncident() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String jobType = "retry-check-" + suffix;
    String childId = "Process_RetryChild_" + suffix;
    String parentId = "Process_RetryParent_" + suffix;
    engine.deploy(List.of(child(childId, jobType), parent(parentId, childId)));
    long parent = engine.startInstance(parentId, Map.of());

    ActivatedJob job = activate(jobType);
    client
        .newFailCommand(job.getKey())
        .retries(0)
        .errorMessage("Le service de test est tombé")
        .send()
        .join();
    long child = job.getProcessInstanceKey();

    var incident =
        await()
            .atMost(PATIENCE)
            .until(() -> engine.instanceState(child).incidents(), list -> !list.isEmpty())
            .getFirst();
    assertThat(incident.errorMessage()).isEqualTo("Le service de test est tombé");
    assertThat(incident.elementId()).isEqualTo("ServiceTask_Fragile");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());

    assertThat(engine.retryIncident(incident.incidentKey(), incident.jobKey(), 1)).isTrue();
    await().atMost(PATIENCE).until(() -> engine.instanceState(child).incidents().isEmpty());
    assertThat(engine.retryIncident(incident.incidentKey(), incident.jobKey(), 1)).isFalse();

    ActivatedJob again = activate(jobType);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    client.newCompleteCommand(again.getKey()).send().join();

    await()
        .atMost(PATIENCE)
        .until(() -> engine.instanceState(parent).status() == InstanceState.Status.COMPLETED);

    InstanceTrail parentTrail = engine.instanceTrail(parent);
    assertThat(parentTrail.bpmnProcessId()).isEqualTo(parentId);
    assertThat(parentTrail.passedElementIds())
        .contains("StartEvent_P", "CallActivity_Child", "EndEvent_P", "Flow_P1", "Flow_P2");
    assertThat(parentTrail.calledInstanceKeys()).containsExactly(child);
    assertThat(engine.deployedModels().bpmnXml(parentTrail.processDefinitionKey()))
        .get()
        .asString()
        .contains("CallActivity_Child");
    assertThat(engine.instanceTrail(child).passedElementIds())
        .contains("ServiceTask_Fragile")
        .doesNotContain("CallActivity_Child");
  }

  @Test
  @DisplayName("the deployed forms keep their JSON for the task pages")
  void formSources() {
    var form =
        engine.deployedModels().forms().stream()
            .filter(f -> f.id().equals("Form_FollowUpStalledActivation"))
            .findFirst()
            .orElseThrow();
    assertThat(engine.deployedModels().formSchema(form.key()))
        .get()
        .asString()
        .contains("followUpDecision");
  }

  private ActivatedJob activate(String jobType) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                client
                    .newActivateJobsCommand()
                    .jobType(jobType)
                    .maxJobsToActivate(1)
                    .timeout(Duration.ofMinutes(1))
                    .send()
                    .join()
                    .getJobs(),
            jobs -> !jobs.isEmpty())
        .getFirst();
  }

  private static ByteArrayResource child(String id, String jobType) {
    return resource(
        id,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_%1$s" targetNamespace="http://passerelle.io/test">
          <bpmn:process id="%1$s" name="Enfant" isExecutable="true">
            <bpmn:startEvent id="StartEvent_C"><bpmn:outgoing>Flow_C1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="ServiceTask_Fragile" name="Étape fragile">
              <bpmn:extensionElements><zeebe:taskDefinition type="%2$s" retries="1" /></bpmn:extensionElements>
              <bpmn:incoming>Flow_C1</bpmn:incoming><bpmn:outgoing>Flow_C2</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:endEvent id="EndEvent_C"><bpmn:incoming>Flow_C2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_C1" sourceRef="StartEvent_C" targetRef="ServiceTask_Fragile" />
            <bpmn:sequenceFlow id="Flow_C2" sourceRef="ServiceTask_Fragile" targetRef="EndEvent_C" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id, jobType));
  }

  private static ByteArrayResource parent(String id, String childId) {
    return resource(
        id,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_%1$s" targetNamespace="http://passerelle.io/test">
          <bpmn:process id="%1$s" name="Parent" isExecutable="true">
            <bpmn:startEvent id="StartEvent_P"><bpmn:outgoing>Flow_P1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:callActivity id="CallActivity_Child" name="Appeler l'enfant">
              <bpmn:extensionElements><zeebe:calledElement processId="%2$s" propagateAllChildVariables="false" /></bpmn:extensionElements>
              <bpmn:incoming>Flow_P1</bpmn:incoming><bpmn:outgoing>Flow_P2</bpmn:outgoing>
            </bpmn:callActivity>
            <bpmn:endEvent id="EndEvent_P"><bpmn:incoming>Flow_P2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_P1" sourceRef="StartEvent_P" targetRef="CallActivity_Child" />
            <bpmn:sequenceFlow id="Flow_P2" sourceRef="CallActivity_Child" targetRef="EndEvent_P" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id, childId));
  }

  private static ByteArrayResource resource(String id, String xml) {
    return new ByteArrayResource(xml.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return id + ".bpmn";
      }
    };
  }
}
