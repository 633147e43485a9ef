package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IncidentMessageTest {

  private static InstanceState.Incident incident(String message) {
    return new InstanceState.Incident(1, "Task_X", 2, "JOB_NO_RETRIES", message, Instant.EPOCH);
  }

  @Test
  @DisplayName("a stack trace written as a job's error message is read as its first sentence")
  void stackTraceCutToItsSentence() {
    String written =
        "io.camunda.client.exception.JobError: Looking up the company failed: HTTP 500. No retry"
            + " left: fix the cause.\n"
            + "\tat io.camunda.client.exception.CamundaError.jobError(CamundaError.java:58)\n"
            + "\tat io.passerelle.workers.support.StepCall.call(StepCall.java:28)\n"
            + "Caused by: java.lang.IllegalStateException: HTTP 500\n";

    assertThat(incident(written).errorMessage())
        .isEqualTo("Looking up the company failed: HTTP 500. No retry left: fix the cause.");
  }

  @Test
  @DisplayName("a message of one sentence is kept as it is, colons and all")
  void sentenceKept() {
    String sentence = "Sending the mail failed: SMTP 421: try later. It will be retried.";
    assertThat(incident(sentence).errorMessage()).isEqualTo(sentence);
    assertThat(incident(null).errorMessage()).isNull();
  }
}
