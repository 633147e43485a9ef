package io.passerelle.workers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.JobHandlingUtil;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepCallTest {

  @Test
  @DisplayName("a step's result is the job's new variables")
  void returnsTheStepResult() {
    assertThat(StepCall.call(Jobs.job(), "Reading", () -> "value")).isEqualTo("value");
  }

  @Test
  @DisplayName("a business rule exception becomes a BPMN error with its code and message")
  void businessRuleBecomesBpmnError() {
    BpmnError error =
        catchThrowableOfType(
            BpmnError.class,
            () ->
                StepCall.run(
                    Jobs.job(),
                    "Creating the contact",
                    () -> {
                      throw new BusinessRuleException("INVALID_EMAIL", "jean@ is not an address");
                    }));

    assertThat(error.getErrorCode()).isEqualTo("INVALID_EMAIL");
    assertThat(error.getErrorMessage()).isEqualTo("jean@ is not an address");
  }

  @ParameterizedTest(name = "job with {0} retries → fails with {1} left, next attempt after {2}")
  @CsvSource({"5, 4, PT10S", "4, 3, PT30S", "3, 2, PT2M", "2, 1, PT10M", "1, 0, PT30M"})
  @DisplayName("a technical failure fails the job with one retry less and a growing backoff")
  void technicalFailureFailsTheJobWithBackoff(int retries, int retriesLeft, Duration backoff) {
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                StepCall.run(
                    Jobs.job(9001, retries),
                    "Sending the mail of invitation 7",
                    () -> {
                      throw new IllegalStateException("SMTP server unreachable");
                    }));

    assertThat(error.getRetries()).isEqualTo(retriesLeft);
    assertThat(error.getRetryBackoff()).isEqualTo(backoff);
    assertThat(error.getErrorMessage())
        .startsWith(
            "Sending the mail of invitation 7 failed: IllegalStateException: SMTP server unreachable.");
  }

  /** What the application throws when the engine pushes back (or does not answer). */
  static final class Refusal extends RuntimeException implements RetryLater {
    private final boolean busy;

    Refusal(boolean busy) {
      super(busy ? "The process engine is busy" : "The process engine does not answer");
      this.busy = busy;
    }

    @Override
    public Duration retryAfter() {
      return Duration.ofSeconds(2);
    }

    @Override
    public boolean costsNoRetry() {
      return busy;
    }
  }

  @Test
  @DisplayName("the engine pushing back costs the job no retry: offered again after 2 s")
  void backPressureKeepsTheRetries() {
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                StepCall.run(
                    Jobs.job(9001, 3),
                    "Sending reminder 1 of invitation 7",
                    () -> {
                      throw new IllegalStateException("wrapped", new Refusal(true));
                    }));

    assertThat(error.getRetries()).isEqualTo(3);
    assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(error.getErrorMessage())
        .startsWith("Sending reminder 1 of invitation 7 was refused for now");
  }

  @Test
  @DisplayName("an engine that does not answer is a failure: one retry less, with backoff")
  void unavailableCostsARetry() {
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                StepCall.run(
                    Jobs.job(9001, 3),
                    "Sending reminder 1 of invitation 7",
                    () -> {
                      throw new Refusal(false);
                    }));

    assertThat(error.getRetries()).isEqualTo(2);
    assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  @DisplayName("the incident's message is the sentence alone: no stack frame reaches the engine")
  void noStackTraceInTheEngine() {
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                StepCall.run(
                    Jobs.job(9001, 1),
                    "Sending the mail of invitation 7",
                    () -> {
                      throw new IllegalStateException("SMTP server unreachable");
                    }));

    // what the Spring client writes as the failed job's error message
    String written = JobHandlingUtil.createErrorMessage(error);

    assertThat(written.strip()).isEqualTo(error.getErrorMessage());
    assertThat(written)
        .startsWith("Sending the mail of invitation 7 failed: IllegalStateException")
        .doesNotContain("\tat ")
        .doesNotContain("io.camunda.client")
        .doesNotContain("StepCall");
  }

  @Test
  @DisplayName("the last failure's message, the incident's, says what to fix and how to resume")
  void lastFailureSaysWhatToFix() {
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                StepCall.run(
                    Jobs.job(9001, 1),
                    "Issuing an invitation for onboarding 12",
                    () -> {
                      throw new IllegalStateException("database unavailable");
                    }));

    assertThat(error.getRetries()).isZero();
    assertThat(error.getErrorMessage())
        .contains("Issuing an invitation for onboarding 12 failed")
        .contains("database unavailable")
        .contains("fix the cause")
        .contains("resolve this incident");
  }

  @Test
  @DisplayName("a Camunda error raised by the step passes unchanged")
  void camundaErrorPassesUnchanged() {
    var original = CamundaError.bpmnError("MAIL_REJECTED", "refused");

    var thrown =
        catchThrowableOfType(
            BpmnError.class,
            () ->
                StepCall.run(
                    Jobs.job(),
                    "Sending",
                    () -> {
                      throw original;
                    }));

    assertThat(thrown).isSameAs(original);
  }

  /** What the application throws when Microsoft Graph throttles, or refuses the credentials. */
  static final class GraphFailure extends RuntimeException implements PacedFailure {
    private final Duration retryAfter;
    private final boolean person;

    GraphFailure(String message, Duration retryAfter, boolean person) {
      super(message);
      this.retryAfter = retryAfter;
      this.person = person;
    }

    @Override
    public Duration retryAfter() {
      return retryAfter;
    }

    @Override
    public boolean needsAPerson() {
      return person;
    }
  }

  @Test
  @DisplayName("a remote service's Retry-After is the backoff, one retry less each time")
  void retryAfterIsTheBackoff() {
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                StepCall.run(
                    Jobs.job(9001, 5),
                    "Inviting the guest",
                    () -> {
                      throw new IllegalStateException(
                          "wrapped",
                          new GraphFailure("Graph answered 429", Duration.ofSeconds(37), false));
                    }));

    assertThat(error.getRetries()).isEqualTo(4);
    assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofSeconds(37));
  }

  @Test
  @DisplayName("a failure that needs a person is an incident at once, saying what to fix")
  void needsAPersonIsAnIncidentAtOnce() {
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                StepCall.run(
                    Jobs.job(9001, 5),
                    "Inviting the guest",
                    () -> {
                      throw new GraphFailure(
                          "Microsoft Entra ID refused the credentials: set"
                              + " PASSERELLE_MICROSOFT_CLIENT_SECRET",
                          null,
                          true);
                    }));

    assertThat(error.getRetries()).isZero();
    assertThat(error.getErrorMessage())
        .contains("PASSERELLE_MICROSOFT_CLIENT_SECRET")
        .contains("No retry left");
  }

  @Test
  @DisplayName("a business rule exception can carry variables for the catching scope")
  void businessRuleCarriesVariables() {
    BpmnError error =
        catchThrowableOfType(
            BpmnError.class,
            () ->
                StepCall.run(
                    Jobs.job(),
                    "Inviting the guest",
                    () -> {
                      throw new BusinessRuleException(
                          "GUEST_INVITATION_REFUSED",
                          "blocked domain",
                          java.util.Map.of("dossierManager", "marie.martin"));
                    }));

    assertThat(error.getErrorCode()).isEqualTo("GUEST_INVITATION_REFUSED");
    assertThat(error.getVariables()).isEqualTo(java.util.Map.of("dossierManager", "marie.martin"));
  }
}
