package io.passerelle.domain;

/** Small helpers for the text people type. */
public final class Texts {

  private Texts() {}

  /** Trimmed, or null when blank. */
  public static String trimToNull(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  public static String abbreviate(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "…" : text;
  }

  /** Whether the text has a control character (line breaks included): never in a name. */
  public static boolean hasControlCharacter(String text) {
    return text != null && text.chars().anyMatch(Character::isISOControl);
  }

  /** The text as a literal inside a SQL {@code like} pattern (escape character: backslash). */
  public static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
