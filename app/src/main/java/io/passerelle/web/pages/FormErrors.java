package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a form got wrong, for a person: an error summary at the top of the form whose every line
 * links to its field ({@code #id}), and the same sentence beside the field ({@code
 * aria-describedby}, {@code aria-invalid}). Built from a service's refusal: each field error's
 * service name is mapped to the form's field id and label, and its code to a French sentence.
 */
public record FormErrors(String headline, List<Entry> entries) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One line of the summary: the field's id on the page, its label, the French sentence. */
  public record Entry(String fieldId, String label, String message) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A field of the form, as the summary names it. */
  public record Field(String id, String label) {}

  public static final FormErrors NONE = new FormErrors(null, List.of());

  public FormErrors {
    entries = List.copyOf(entries);
  }

  public static FormErrors of(String headline, List<Entry> entries) {
    return new FormErrors(headline, entries);
  }

  /**
   * The refusal as the form shows it.
   *
   * @param fields maps a service field name ({@code company.companyName}) to the form's field
   * @param fallback where a refusal without field errors is shown
   */
  public static FormErrors from(DomainException e, Function<String, Field> fields, Field fallback) {
    List<Entry> entries = new ArrayList<>();
    for (DomainException.FieldError error : e.fieldErrors()) {
      Field field = fields.apply(error.field());
      if (field == null) {
        field = fallback;
      }
      entries.add(
          new Entry(
              field.id(), field.label(), FrenchMessages.ofCode(error.code(), error.message())));
    }
    String headline = FrenchMessages.of(e);
    if (entries.isEmpty()) {
      entries.add(new Entry(fallback.id(), fallback.label(), headline));
    }
    return new FormErrors(
        entries.size() == 1
            ? "Une information est à corriger."
            : entries.size() + " informations sont à corriger.",
        entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public boolean has(String fieldId) {
    return entries.stream().anyMatch(e -> e.fieldId().equals(fieldId));
  }

  /** The sentences for this field, joined; null when it has none. */
  public String of(String fieldId) {
    List<String> messages =
        entries.stream().filter(e -> e.fieldId().equals(fieldId)).map(Entry::message).toList();
    return messages.isEmpty() ? null : String.join(" ", messages);
  }

  /** For {@code aria-describedby}: the field's hint, another description, and its error. */
  public String describedBy(String fieldId, String hintId, String otherId) {
    List<String> ids = new ArrayList<>();
    if (hintId != null) {
      ids.add(hintId);
    }
    if (otherId != null) {
      ids.add(otherId);
    }
    if (has(fieldId)) {
      ids.add(fieldId + "-error");
    }
    return ids.isEmpty() ? null : String.join(" ", ids);
  }
}
