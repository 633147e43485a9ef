package io.passerelle.engine.web;

import io.passerelle.development.DevelopmentTools;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.EngineErrorCodes;
import io.passerelle.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The development clock of the embedded engine, like Camunda's controlled clock: read the engine
 * time, move it forward by an ISO-8601 duration so a person can watch a 7-day reminder fire. It
 * exists only with the development tools on ({@code PASSERELLE_DEVELOPMENT_ENABLED=true}, embedded
 * mode), for signed-in administrators on this machine, CSRF on its POSTs ({@code
 * web.SecurityConfiguration}).
 */
@RestController
@RequestMapping("/dev/clock")
@ConditionalOnExpression(DevelopmentTools.ENABLED)
class DevClockController {

  private final EmbeddedZeebeEngine engine;

  DevClockController(EmbeddedZeebeEngine engine) {
    this.engine = engine;
  }

  /** The engine time. */
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ClockState read() {
    return state();
  }

  /** Advances the engine clock: {@code {"duration": "P7D"}}. */
  @PostMapping(
      path = "/advance",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ClockState advance(@RequestBody AdvanceRequest request) {
    engine.advance(parse(request == null ? null : request.duration()));
    return state();
  }

  /** The same from the development page's form; comes back to the page. */
  @PostMapping(path = "/advance", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  RedirectView advanceFromPage(@RequestParam(required = false) String duration) {
    engine.advance(parse(duration));
    return new RedirectView("/dev");
  }

  record AdvanceRequest(String duration) {}

  record ClockState(Instant engineTime, Instant wallClock, String offset) {}

  private ClockState state() {
    return new ClockState(engine.now(), Instant.now(), engine.offset().toString());
  }

  /** ISO-8601: {@code PT36H}, {@code P7D}, {@code P1W}, {@code P1DT12H}; forward only. */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("Give a duration in ISO-8601, for example P7D (7 days) or PT36H (36 hours).");
    }
    Duration duration;
    try {
      duration = Duration.parse(text.trim());
    } catch (DateTimeParseException notADuration) {
      try {
        Period period = Period.parse(text.trim());
        if (period.getYears() != 0 || period.getMonths() != 0) {
          throw invalid(
              "'"
                  + text
                  + "' has months or years, whose length varies: give days instead, e.g. P30D.");
        }
        duration = Duration.ofDays(period.getDays());
      } catch (DateTimeParseException notAPeriod) {
        throw invalid(
            "'"
                + abbreviate(text)
                + "' is not an ISO-8601 duration: write for example P7D (7 days) or PT36H (36"
                + " hours).");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          EngineErrorCodes.CLOCK_DURATION_NOT_POSITIVE,
          "The engine clock only moves forward: give a positive duration, not " + text + ".");
    }
    return duration;
  }

  private static ApiException invalid(String detail) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, EngineErrorCodes.CLOCK_DURATION_INVALID, detail);
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
