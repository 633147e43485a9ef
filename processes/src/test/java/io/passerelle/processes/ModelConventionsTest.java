package io.passerelle.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.passerelle.processes.ProcessNames.CandidateGroups;
import io.passerelle.processes.ProcessNames.Forms;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Resources;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Desktop Modeler and a process owner need from every model, beyond what the engine runs. */
@DisplayName("Model conventions")
class ModelConventionsTest {

  private static final Pattern READABLE_ID =
      Pattern.compile(
          "(Definitions|Process|StartEvent|EndEvent|ServiceTask|UserTask|ReceiveTask"
              + "|BusinessRuleTask|CallActivity|SubProcess|Gateway|TimerEvent|MessageEvent|ErrorEvent"
              + "|TimerEventDefinition|MessageEventDefinition|ErrorEventDefinition|Flow|Message|Error"
              + "|EscalationEvent|EscalationEventDefinition|Escalation"
              + "|BPMNDiagram|BPMNPlane)_[A-Z][A-Za-z0-9]*(_di)?");

  private static BpmnModelInstance read(String resource) {
    try (InputStream in =
        ModelConventionsTest.class.getClassLoader().getResourceAsStream(resource)) {
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T extends BaseElement> List<T> all(BpmnModelInstance model, Class<T> type) {
    return List.copyOf(model.getModelElementsByType(type));
  }

  private static Map<String, Bounds> shapes(BpmnModelInstance model) {
    Map<String, Bounds> shapes = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      shapes.put(shape.getBpmnElement().getId(), shape.getBounds());
    }
    return shapes;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        Resources.CLIENT_ONBOARDING,
        Resources.CLIENT_INVITATION,
        Resources.BULK_INVITATION,
        Resources.DOSSIER_CREATION,
        Resources.MICROSOFT_GUEST_INVITATION
      })
  @DisplayName("readable ids, French names, full layout, retries, forms and assignment")
  void modelFollowsTheConventions(String resource) {
    var model = read(resource);

    var ids =
        all(model, BaseElement.class).stream().map(BaseElement::getId).filter(id -> id != null);
    assertThat(ids.toList()).allSatisfy(id -> assertThat(id).matches(READABLE_ID));

    var shapes = shapes(model);
    for (FlowNode node : all(model, FlowNode.class)) {
      assertThat(shapes).as("shape of %s", node.getId()).containsKey(node.getId());
      boolean joiningGateway = node instanceof Gateway && node.getOutgoing().size() == 1;
      if (!joiningGateway) {
        assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
      }
    }
    Map<String, BpmnEdge> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .collect(Collectors.toMap(e -> e.getBpmnElement().getId(), e -> e));
    for (SequenceFlow flow : all(model, SequenceFlow.class)) {
      assertThat(edges).as("edge of %s", flow.getId()).containsKey(flow.getId());
      assertThat(edges.get(flow.getId()).getWaypoints()).hasSizeGreaterThanOrEqualTo(2);
    }
    for (BoundaryEvent event : all(model, BoundaryEvent.class)) {
      assertThat(onBorder(shapes.get(event.getId()), shapes.get(event.getAttachedTo().getId())))
          .as("%s sits on the border of its host", event.getId())
          .isTrue();
    }
    for (SubProcess subProcess : all(model, SubProcess.class)) {
      Bounds outer = shapes.get(subProcess.getId());
      for (FlowNode child : subProcess.getChildElementsByType(FlowNode.class)) {
        assertThat(inside(shapes.get(child.getId()), outer))
            .as("%s inside %s", child.getId(), subProcess.getId())
            .isTrue();
      }
    }
    for (ServiceTask task : all(model, ServiceTask.class)) {
      var definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      assertThat(definition.getType()).as("job type of %s", task.getId()).isIn(JobTypes.ALL);
      assertThat(definition.getRetries()).as("retries of %s", task.getId()).isEqualTo("5");
    }
    for (UserTask task : all(model, UserTask.class)) {
      assertThat(task.getSingleExtensionElement(ZeebeUserTask.class))
          .as("%s is a Camunda user task", task.getId())
          .isNotNull();
      assertThat(task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId())
          .isIn(
              Forms.FOLLOW_UP_STALLED_ACTIVATION,
              Forms.CORRECT_CONTACT_EMAIL,
              Forms.DOSSIER_COMPANY_DETAILS,
              Forms.RESOLVE_GUEST_INVITATION);
      var assignment = task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
      // a person by name: the dossier's manager, or the staff member who started the request
      assertThat(assignment.getAssignee()).isIn("=dossierManager", "=startedBy");
      assertThat(assignment.getCandidateGroups()).isEqualTo(CandidateGroups.MANAGERS);
    }
    // A mapping that only repeats a variable under its own name (source "=onboardingId", target
    // onboardingId) does nothing the scope does not already do: a job worker reads the variables it
    // fetches from the enclosing scopes, and what it returns goes up to the scope that holds the
    // name (or to the instance). Each mapping still costs an expression evaluated and a variable
    // written on every pass. Only a call activity, which propagates nothing, needs them: they are
    // the contract between the two processes.
    for (ZeebeIoMapping mapping : model.getModelElementsByType(ZeebeIoMapping.class)) {
      var owner = (FlowNode) mapping.getParentElement().getParentElement();
      if (owner instanceof CallActivity) {
        continue;
      }
      var identities =
          Stream.concat(
                  mapping.getInputs().stream().map(m -> List.of(m.getSource(), m.getTarget())),
                  mapping.getOutputs().stream().map(m -> List.of(m.getSource(), m.getTarget())))
              .filter(m -> m.get(0).equals("=" + m.get(1)))
              .map(m -> m.get(1))
              .toList();
      assertThat(identities).as("mappings of %s that repeat a variable", owner.getId()).isEmpty();
    }
    var definitions = model.getDefinitions();
    assertThat(
            definitions.getAttributeValueNs(
                "http://camunda.org/schema/modeler/1.0", "executionPlatformVersion"))
        .isEqualTo("8.8.0");
  }

  private static boolean onBorder(Bounds event, Bounds host) {
    double cx = event.getX() + event.getWidth() / 2;
    double cy = event.getY() + event.getHeight() / 2;
    boolean withinX = cx >= host.getX() && cx <= host.getX() + host.getWidth();
    boolean withinY = cy >= host.getY() && cy <= host.getY() + host.getHeight();
    boolean onHorizontal = withinX && (cy == host.getY() || cy == host.getY() + host.getHeight());
    boolean onVertical = withinY && (cx == host.getX() || cx == host.getX() + host.getWidth());
    return onHorizontal || onVertical;
  }

  private static boolean inside(Bounds inner, Bounds outer) {
    return inner.getX() >= outer.getX()
        && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  @Test
  @DisplayName("follow-up form: a required resend/extend/cancel choice and a note")
  void followUpForm() throws IOException {
    JsonNode form = form(Resources.FOLLOW_UP_STALLED_ACTIVATION_FORM);
    assertThat(form.get("id").asText()).isEqualTo(Forms.FOLLOW_UP_STALLED_ACTIVATION);
    JsonNode decision = component(form, "followUpDecision");
    assertThat(decision.get("type").asText()).isEqualTo("radio");
    assertThat(decision.at("/validate/required").asBoolean()).isTrue();
    assertThat(
            StreamSupport.stream(decision.get("values").spliterator(), false)
                .map(v -> v.get("value").asText()))
        .containsExactly("resend", "extend", "cancel");
    assertThat(component(form, "followUpNote").get("type").asText()).isEqualTo("textarea");
  }

  @Test
  @DisplayName("Microsoft guest form: the problem shown, a required retry/continue/cancel choice")
  void guestForm() throws IOException {
    JsonNode form = form(Resources.RESOLVE_GUEST_INVITATION_FORM);
    assertThat(form.get("id").asText()).isEqualTo(Forms.RESOLVE_GUEST_INVITATION);
    JsonNode decision = component(form, "guestDecision");
    assertThat(decision.get("type").asText()).isEqualTo("radio");
    assertThat(decision.at("/validate/required").asBoolean()).isTrue();
    assertThat(
            StreamSupport.stream(decision.get("values").spliterator(), false)
                .map(v -> v.get("value").asText()))
        .containsExactly("retry", "continue", "cancel");
    assertThat(component(form, "guestNote").get("type").asText()).isEqualTo("textarea");
    assertThat(form.at("/components/0/text").asText()).contains("{{guestProblem}}");
  }

  @Test
  @DisplayName("correction form: a required, validated e-mail address and a note")
  void correctionForm() throws IOException {
    JsonNode form = form(Resources.CORRECT_CONTACT_EMAIL_FORM);
    assertThat(form.get("id").asText()).isEqualTo(Forms.CORRECT_CONTACT_EMAIL);
    JsonNode email = component(form, "correctedEmail");
    assertThat(email.get("type").asText()).isEqualTo("textfield");
    assertThat(email.at("/validate/required").asBoolean()).isTrue();
    assertThat(email.at("/validate/validationType").asText()).isEqualTo("email");
    assertThat(component(form, "correctionNote").get("type").asText()).isEqualTo("textarea");
  }

  @Test
  @DisplayName(
      "company details form: the request number and a required confirmation, no company data")
  void companyDetailsForm() throws IOException {
    JsonNode form = form(Resources.DOSSIER_COMPANY_DETAILS_FORM);
    assertThat(form.get("id").asText()).isEqualTo(Forms.DOSSIER_COMPANY_DETAILS);
    JsonNode confirmed = component(form, "companyDetailsConfirmed");
    assertThat(confirmed.get("type").asText()).isEqualTo("checkbox");
    assertThat(confirmed.at("/validate/required").asBoolean()).isTrue();
    var keys =
        StreamSupport.stream(form.get("components").spliterator(), false)
            .filter(c -> c.has("key"))
            .map(c -> c.get("key").asText())
            .toList();
    assertThat(keys).as("the form writes no company data into the process").hasSize(1);
    assertThat(form.at("/components/0/text").asText()).contains("{{dossierRequestId}}");
  }

  private static JsonNode form(String resource) throws IOException {
    try (InputStream in =
        ModelConventionsTest.class.getClassLoader().getResourceAsStream(resource)) {
      JsonNode form = new ObjectMapper().readTree(in);
      assertThat(form.get("executionPlatformVersion").asText()).isEqualTo("8.8.0");
      return form;
    }
  }

  private static JsonNode component(JsonNode form, String key) {
    return StreamSupport.stream(form.get("components").spliterator(), false)
        .filter(c -> key.equals(c.path("key").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no component with key " + key));
  }
}
