package io.passerelle.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.passerelle.processes.ProcessNames;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of a model the application relies on: those of {@link ProcessNames} (element ids,
 * message names, job types, variables) that the bundled model uses. A version of the process
 * deployed from Modeler must still have them, or the application would wait for a message nobody
 * correlates, a task nobody finds, a job no worker takes.
 */
final class ReliedOnNames {

  /** One name the application relies on, and what kind of name it is. */
  record Name(String kind, String value) {
    @Override
    public String toString() {
      return kind + " " + value;
    }
  }

  private static final Set<String> ELEMENTS = constants(ProcessNames.Elements.class);
  private static final Set<String> MESSAGES = constants(ProcessNames.Messages.class);
  private static final Set<String> JOB_TYPES = constants(ProcessNames.JobTypes.class);
  private static final Set<String> VARIABLES = constants(ProcessNames.Variables.class);

  private ReliedOnNames() {}

  /** The names of {@code ProcessNames} that this BPMN uses. */
  static Set<Name> usedBy(String bpmnXml) {
    var used = namesIn(bpmnXml);
    Set<Name> relied = new LinkedHashSet<>();
    for (Name name : used) {
      Set<String> known =
          switch (name.kind()) {
            case "element" -> ELEMENTS;
            case "message" -> MESSAGES;
            case "job type" -> JOB_TYPES;
            default -> VARIABLES;
          };
      if (known.contains(name.value())) {
        relied.add(name);
      }
    }
    return relied;
  }

  /** The ids of the executable processes a BPMN defines. */
  static List<String> processIds(String bpmnXml) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(
            new ByteArrayInputStream(bpmnXml.getBytes(StandardCharsets.UTF_8)));
    return model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class).stream()
        .filter(io.camunda.zeebe.model.bpmn.instance.Process::isExecutable)
        .map(io.camunda.zeebe.model.bpmn.instance.Process::getId)
        .toList();
  }

  /** Which of {@code relied} the deployed BPMN no longer has. */
  static List<Name> missingFrom(String deployedXml, Set<Name> relied) {
    Set<Name> present = namesIn(deployedXml);
    List<Name> missing = new ArrayList<>();
    for (Name name : relied) {
      if (!present.contains(name)) {
        missing.add(name);
      }
    }
    return missing;
  }

  private static Set<Name> namesIn(String bpmnXml) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(
            new ByteArrayInputStream(bpmnXml.getBytes(StandardCharsets.UTF_8)));
    Set<Name> names = new LinkedHashSet<>();
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      if (element.getId() != null) {
        names.add(new Name("element", element.getId()));
      }
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      if (message.getName() != null) {
        names.add(new Name("message", message.getName()));
      }
    }
    for (ZeebeTaskDefinition task : model.getModelElementsByType(ZeebeTaskDefinition.class)) {
      if (task.getType() != null) {
        names.add(new Name("job type", task.getType()));
      }
    }
    // a variable is read or written by expressions and mappings: a whole word of the XML
    for (String variable : VARIABLES) {
      if (Pattern.compile("(?<![\\w.])" + Pattern.quote(variable) + "(?!\\w)")
          .matcher(bpmnXml)
          .find()) {
        names.add(new Name("variable", variable));
      }
    }
    return names;
  }

  private static Set<String> constants(Class<?> holder) {
    Set<String> values = new LinkedHashSet<>();
    for (Field field : holder.getFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }
}
