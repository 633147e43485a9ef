package io.passerelle.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as spreadsheets write it (RFC 4180): fields separated by a comma or a semicolon (found
 * from the header line), optionally quoted, quotes doubled inside quotes, line breaks inside quoted
 * fields, CRLF or LF line ends. Blank lines are skipped. Limits keep a hostile file from taking the
 * server's memory.
 */
public final class CsvReader {

  /** A line of the file with its 1-based line number (where it starts) and its fields. */
  public record Line(int number, List<String> fields) {}

  /** The file is not CSV this reader can take; the message says where and why. */
  public static class CsvFormatException extends RuntimeException {
    public CsvFormatException(String message) {
      super(message);
    }
  }

  private final int maxLines;
  private final int maxFieldLength;

  public CsvReader(int maxLines, int maxFieldLength) {
    this.maxLines = maxLines;
    this.maxFieldLength = maxFieldLength;
  }

  /** The separator of the header line: the one of ';' and ',' that occurs most outside quotes. */
  public static char separatorOf(String text) {
    int semicolons = 0;
    int commas = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted && c == ';') {
        semicolons++;
      } else if (!quoted && c == ',') {
        commas++;
      }
    }
    return semicolons >= commas && semicolons > 0 ? ';' : ',';
  }

  public List<Line> read(String text) {
    char separator = separatorOf(text);
    List<Line> lines = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    var field = new StringBuilder();
    boolean quoted = false;
    boolean fieldWasQuoted = false;
    int lineNumber = 1;
    int lineStart = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            append(field, '"', lineStart);
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') {
            lineNumber++;
          }
          append(field, c, lineStart);
        }
        i++;
        continue;
      }
      if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
        quoted = true;
        fieldWasQuoted = true;
      } else if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
        fieldWasQuoted = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        endLine(lines, fields, lineStart);
        fields = new ArrayList<>();
        field.setLength(0);
        fieldWasQuoted = false;
        lineNumber++;
        lineStart = lineNumber;
      } else if (fieldWasQuoted) {
        throw new CsvFormatException(
            "Line "
                + lineStart
                + ": text after a closing quote; double a quote inside a quoted field (\"\")");
      } else {
        append(field, c, lineStart);
      }
      i++;
    }
    if (quoted) {
      throw new CsvFormatException("Line " + lineStart + ": a quoted field is never closed");
    }
    if (!field.isEmpty() || !fields.isEmpty() || fieldWasQuoted) {
      fields.add(field.toString());
      endLine(lines, fields, lineStart);
    }
    return lines;
  }

  private void endLine(List<Line> lines, List<String> fields, int lineStart) {
    boolean blank = fields.stream().allMatch(String::isBlank);
    if (blank) {
      return;
    }
    if (lines.size() >= maxLines) {
      throw new CsvFormatException(
          "The file has more than " + (maxLines - 1) + " rows: split it into several files");
    }
    lines.add(new Line(lineStart, List.copyOf(fields)));
  }

  private void append(StringBuilder field, char c, int lineStart) {
    if (field.length() >= maxFieldLength) {
      throw new CsvFormatException(
          "Line " + lineStart + ": a field is longer than " + maxFieldLength + " characters");
    }
    field.append(c);
  }
}
