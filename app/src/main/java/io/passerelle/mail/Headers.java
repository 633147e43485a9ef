package io.passerelle.mail;

/**
 * Header values from user input: a name or a subject may carry CR/LF or other control characters
 * meant to add headers of their own. They are replaced by spaces, and the value is cut to a length
 * a header can hold.
 */
final class Headers {

  private Headers() {}

  static String clean(String value, int maxLength) {
    if (value == null) {
      return "";
    }
    var out = new StringBuilder(Math.min(value.length(), maxLength));
    boolean lastSpace = false;
    for (int i = 0; i < value.length() && out.length() < maxLength; i++) {
      char c = value.charAt(i);
      boolean space =
          Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029';
      if (space) {
        if (!lastSpace && out.length() > 0) {
          out.append(' ');
        }
        lastSpace = true;
      } else {
        out.append(c);
        lastSpace = false;
      }
    }
    return out.toString().strip();
  }
}
