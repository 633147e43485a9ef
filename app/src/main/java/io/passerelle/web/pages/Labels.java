package io.passerelle.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * French labels of the staff pages: enum names, activity types, process names (from the bundle
 * {@code messages/labels}, through {@link FrenchMessages}), dates. Templates call it as {@code
 * @labels}; unknown codes read as themselves, never as an error.
 */
@Component("labels")
public class Labels {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE).withZone(PARIS);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE).withZone(PARIS);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(PARIS);

  /** The French label of an enum constant or code. */
  public String of(Object value) {
    if (value == null) {
      return "";
    }
    String code = value instanceof Enum<?> e ? e.name() : value.toString();
    return FrenchMessages.text("label." + code, FrenchMessages.text("activity." + code, code));
  }

  /**
   * A bulk invitation's item status: its {@code PENDING} is a row not processed yet, not an account
   * awaiting activation (which the page counts apart).
   */
  public String bulkItem(Object status) {
    return status == null ? "" : FrenchMessages.text("bulkItem." + status, of(status));
  }

  /** An activity type (or a notification type) as a sentence. */
  public String activity(Object type) {
    if (type == null) {
      return "";
    }
    String code = type instanceof Enum<?> e ? e.name() : type.toString();
    return FrenchMessages.text("activity." + code, code);
  }

  public String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant);
  }

  public String date(Instant instant) {
    return instant == null ? "" : DATE.format(instant);
  }

  /** For {@code <time datetime="…">}. */
  public String iso(Instant instant) {
    return instant == null ? "" : ISO.format(instant);
  }

  /** "3 j 4 h", "5 h 12 min", "40 min": a duration as staff read it. */
  public String duration(Duration duration) {
    if (duration == null) {
      return "—";
    }
    long minutes = duration.toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = duration.toHours();
    if (hours < 48) {
      return hours + " h " + (minutes % 60) + " min";
    }
    return duration.toDays() + " j " + (hours % 24) + " h";
  }

  /** A process's name for staff, by its BPMN process id. */
  public static String processName(String bpmnProcessId) {
    return bpmnProcessId == null
        ? null
        : FrenchMessages.text("process." + bpmnProcessId, bpmnProcessId);
  }
}
