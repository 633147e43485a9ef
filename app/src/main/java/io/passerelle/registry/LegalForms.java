package io.passerelle.registry;

import java.util.Map;

/**
 * The legal forms a firm meets most, by their INSEE code ("catégorie juridique", level III). Other
 * codes are shown as their code.
 */
final class LegalForms {

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("1000", "Entrepreneur individuel"),
          Map.entry("5202", "SNC"),
          Map.entry("5485", "SELARL"),
          Map.entry("5498", "EURL"),
          Map.entry("5499", "SARL"),
          Map.entry("5599", "SA à conseil d'administration"),
          Map.entry("5699", "SA à directoire"),
          Map.entry("5710", "SAS"),
          Map.entry("5720", "SASU"),
          Map.entry("5785", "SELAS"),
          Map.entry("6540", "SCI"),
          Map.entry("6589", "Société civile de moyens"),
          Map.entry("6599", "Société civile"),
          Map.entry("9220", "Association déclarée"));

  private LegalForms() {}

  static String label(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    return LABELS.getOrDefault(code, "Forme juridique " + code);
  }
}
