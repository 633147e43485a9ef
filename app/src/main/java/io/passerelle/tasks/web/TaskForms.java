package io.passerelle.tasks.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.tasks.TaskErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The server's side of a task form: form-js renders the Camunda form JSON in the browser and sends
 * back what the person entered; only the form's own fields reach the process, each checked against
 * the form's rules (required, allowed values, maximum length) — the browser is never trusted.
 */
@Component
class TaskForms {

  private final ObjectMapper json;

  TaskForms(ObjectMapper json) {
    this.json = json;
  }

  /** A field of a form: its variable, label and rules. */
  record Field(
      String key,
      String label,
      String type,
      boolean required,
      Integer maxLength,
      List<String> values) {}

  List<Field> fields(String schema) {
    List<Field> fields = new ArrayList<>();
    try {
      collect(json.readTree(schema).path("components"), fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A deployed form is not JSON: " + e.getOriginalMessage(), e);
    }
    return fields;
  }

  /**
   * The values the form opens with, as Tasklist prefills it: the task's variables that are fields
   * of the form, as a JSON object.
   */
  String prefill(String schema, Map<String, Object> variables) {
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    for (Field field : fields(schema)) {
      if (variables.containsKey(field.key()) && variables.get(field.key()) != null) {
        data.put(field.key(), variables.get(field.key()));
      }
    }
    try {
      return json.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Task variables cannot be written as JSON", e);
    }
  }

  /**
   * The variables to complete the task with: the submitted JSON object, reduced to the form's
   * fields and checked. Refuses ({@code VALIDATION_FAILED}, in French) what the form would refuse.
   */
  Map<String, Object> variables(String schema, String submitted) {
    JsonNode data = readObject(submitted);
    Map<String, Object> variables = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (Field field : fields(schema)) {
      JsonNode value = data.get(field.key());
      boolean empty =
          value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
      if (empty) {
        if (field.required()) {
          errors.add(
              new FieldError(
                  field.key(),
                  CommonErrors.REQUIRED,
                  "« " + field.label() + " » est obligatoire."));
        }
        continue;
      }
      if (!value.isValueNode()) {
        errors.add(
            new FieldError(
                field.key(), CommonErrors.INVALID, "« " + field.label() + " » n'est pas valable."));
        continue;
      }
      String text = value.asText();
      if (!field.values().isEmpty() && !field.values().contains(text)) {
        errors.add(
            new FieldError(
                field.key(),
                TaskErrors.NOT_ALLOWED,
                "Choisissez une des valeurs proposées pour « " + field.label() + " »."));
        continue;
      }
      if (field.maxLength() != null && text.length() > field.maxLength()) {
        errors.add(
            new FieldError(
                field.key(),
                CommonErrors.TOO_LONG,
                "« " + field.label() + " » a au plus " + field.maxLength() + " caractères."));
        continue;
      }
      variables.put(
          field.key(),
          value.isBoolean() ? value.asBoolean() : value.isNumber() ? value.numberValue() : text);
    }
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          String.join(" ", errors.stream().map(FieldError::message).toList()),
          errors);
    }
    return variables;
  }

  /** The submitted JSON object ({@code INVALID_FORM_DATA} when it is none); blank is empty. */
  private JsonNode readObject(String submitted) {
    JsonNode data;
    try {
      data = json.readTree(submitted == null || submitted.isBlank() ? "{}" : submitted);
    } catch (JsonProcessingException e) {
      throw DomainException.invalid(
          TaskErrors.INVALID_FORM_DATA, "variables", "Les données du formulaire sont illisibles.");
    }
    if (!data.isObject()) {
      throw DomainException.invalid(
          TaskErrors.INVALID_FORM_DATA, "variables", "Les données du formulaire sont illisibles.");
    }
    return data;
  }

  private static void collect(JsonNode components, List<Field> fields) {
    for (JsonNode component : components) {
      if (component.has("components")) {
        collect(component.get("components"), fields);
      }
      String key = component.path("key").asText(null);
      if (key == null || key.isBlank()) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (JsonNode option : component.path("values")) {
        values.add(option.path("value").asText());
      }
      JsonNode validate = component.path("validate");
      fields.add(
          new Field(
              key,
              component.path("label").asText(key),
              component.path("type").asText(),
              validate.path("required").asBoolean(false),
              validate.has("maxLength") ? validate.get("maxLength").asInt() : null,
              values));
    }
  }
}
