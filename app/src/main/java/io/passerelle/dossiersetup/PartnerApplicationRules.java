package io.passerelle.dossiersetup;

import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.Texts;
import io.passerelle.dossiersetup.DossierSetupProperties.Kind;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupProperties.SettingField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Partner application choices checked against the firm's catalogue, every problem a field error
 * under {@code field[i]}: unknown or repeated application, portal without access or for an
 * automation, a required setting missing, an unknown setting, a value too long, with control
 * characters or not in the partner's format. The choices come back cleaned (codes in capitals,
 * values trimmed, blank values dropped).
 */
final class PartnerApplicationRules {

  static final int MAX_SETTING_LENGTH = 200;

  private final Map<String, PartnerApplication> byCode;

  PartnerApplicationRules(List<PartnerApplication> catalogue) {
    this.byCode = byCode(catalogue);
  }

  static Map<String, PartnerApplication> byCode(List<PartnerApplication> catalogue) {
    return catalogue.stream()
        .collect(
            Collectors.toMap(
                PartnerApplication::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  List<PartnerApplicationChoice> check(
      List<PartnerApplicationChoice> choices, String field, List<FieldError> errors) {
    if (choices == null || choices.isEmpty()) {
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    List<PartnerApplicationChoice> clean = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      PartnerApplicationChoice choice = choices.get(i);
      String at = field + "[" + i + "]";
      String code =
          choice == null || Texts.trimToNull(choice.code()) == null
              ? null
              : choice.code().strip().toUpperCase(Locale.ROOT);
      PartnerApplication application = code == null ? null : byCode.get(code);
      if (application == null) {
        errors.add(
            new FieldError(
                at + ".code",
                "PARTNER_APPLICATION_UNKNOWN",
                "No partner application has the code '"
                    + Texts.abbreviate(String.valueOf(code), 40)
                    + "'; the firm offers "
                    + String.join(", ", byCode.keySet())
                    + "."));
      } else if (!seen.add(code)) {
        errors.add(
            new FieldError(
                at + ".code",
                "PARTNER_APPLICATION_REPEATED",
                "The application " + application.name() + " is chosen twice."));
      } else {
        clean.add(checked(application, choice, at, errors));
      }
    }
    return clean;
  }

  private static PartnerApplicationChoice checked(
      PartnerApplication application,
      PartnerApplicationChoice choice,
      String at,
      List<FieldError> errors) {
    if (choice.onClientPortal() && application.kind() != Kind.REDIRECT) {
      errors.add(
          new FieldError(
              at + ".onClientPortal",
              "PORTAL_FOR_REDIRECT_ONLY",
              "Only redirect applications appear on the director's portal; "
                  + application.name()
                  + " works on the dossier's data."));
    }
    if (choice.onClientPortal() && !choice.accessAllowed()) {
      errors.add(
          new FieldError(
              at + ".onClientPortal",
              "ACCESS_NOT_ALLOWED",
              "Allow access to " + application.name() + " before showing it on the portal."));
    }
    Map<String, String> settings = settings(application, choice, at, errors);
    return new PartnerApplicationChoice(
        application.code(), choice.accessAllowed(), choice.onClientPortal(), settings);
  }

  private static Map<String, String> settings(
      PartnerApplication application,
      PartnerApplicationChoice choice,
      String at,
      List<FieldError> errors) {
    Map<String, SettingField> fields =
        application.fields().stream()
            .collect(
                Collectors.toMap(
                    SettingField::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    Map<String, String> clean = new LinkedHashMap<>();
    Set<String> refused = new HashSet<>();
    for (var entry : choice.settings().entrySet()) {
      SettingField definition = fields.get(entry.getKey());
      String where = at + ".settings." + entry.getKey();
      if (definition == null) {
        errors.add(
            new FieldError(
                where,
                "SETTING_UNKNOWN",
                application.name()
                    + (fields.isEmpty()
                        ? " takes no settings."
                        : " takes " + String.join(", ", fields.keySet()) + ".")));
        continue;
      }
      String value = Texts.trimToNull(entry.getValue());
      if (value == null) {
        continue;
      }
      FieldError invalid = invalidSetting(application, definition, value, where);
      if (invalid == null) {
        clean.put(definition.key(), value);
      } else {
        refused.add(definition.key());
        errors.add(invalid);
      }
    }
    if (choice.accessAllowed()) {
      requireSettings(application, fields, clean, refused, at, errors);
    }
    return clean;
  }

  private static FieldError invalidSetting(
      PartnerApplication application, SettingField definition, String value, String where) {
    if (value.length() > MAX_SETTING_LENGTH || Texts.hasControlCharacter(value)) {
      return new FieldError(
          where,
          "SETTING_INVALID",
          definition.label() + ": one line of at most " + MAX_SETTING_LENGTH + " characters.");
    }
    if (definition.pattern() != null && !value.matches(definition.pattern())) {
      return new FieldError(
          where,
          "SETTING_INVALID",
          definition.label() + " is not in the format " + application.name() + " expects.");
    }
    return null;
  }

  /** An allowed application's required settings, unless given or refused already. */
  private static void requireSettings(
      PartnerApplication application,
      Map<String, SettingField> fields,
      Map<String, String> clean,
      Set<String> refused,
      String at,
      List<FieldError> errors) {
    for (SettingField definition : fields.values()) {
      if (definition.required()
          && !clean.containsKey(definition.key())
          && !refused.contains(definition.key())) {
        errors.add(
            new FieldError(
                at + ".settings." + definition.key(),
                "SETTING_REQUIRED",
                application.name() + " needs " + definition.label() + " to work."));
      }
    }
  }
}
