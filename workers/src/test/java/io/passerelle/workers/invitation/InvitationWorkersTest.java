package io.passerelle.workers.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.passerelle.workers.invitation.InvitationSteps.IssueRequest;
import io.passerelle.workers.invitation.InvitationSteps.IssuedInvitation;
import io.passerelle.workers.invitation.InvitationSteps.ManagerToAsk;
import io.passerelle.workers.support.BusinessRuleException;
import io.passerelle.workers.support.Jobs;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvitationWorkersTest {

  private final InvitationSteps steps = mock(InvitationSteps.class);

  @Test
  @DisplayName("issue-invitation is keyed by the job's element instance: a new row per task entry")
  void issueInvitationKeyedByElementInstance() {
    when(steps.issueInvitation(new IssueRequest(12, 9001, 7001, "P45D")))
        .thenReturn(new IssuedInvitation(1001));
    when(steps.issueInvitation(new IssueRequest(12, 9501, 7001, "P45D")))
        .thenReturn(new IssuedInvitation(1002));
    var worker = new IssueInvitationWorker(steps);

    assertThat(worker.issueInvitation(Jobs.job(9001, 5), 12, "P45D").invitationId())
        .isEqualTo(1001);
    assertThat(worker.issueInvitation(Jobs.job(9501, 5), 12, "P45D").invitationId())
        .isEqualTo(1002);
  }

  @Test
  @DisplayName("a redelivered issue-invitation job calls the port with the same idempotency key")
  void redeliveredIssueInvitationUsesTheSameKey() {
    var request = new IssueRequest(12, 9001, 7001, "P45D");
    when(steps.issueInvitation(request)).thenReturn(new IssuedInvitation(1001));
    var worker = new IssueInvitationWorker(steps);

    var first = worker.issueInvitation(Jobs.job(9001, 5), 12, "P45D");
    var redelivered = worker.issueInvitation(Jobs.job(9001, 4), 12, "P45D");

    verify(steps, times(2)).issueInvitation(request);
    verify(steps, times(2)).issueInvitation(any());
    assertThat(redelivered).isEqualTo(first);
  }

  @Test
  @DisplayName("send-invitation-mail: a refused address becomes MAIL_REJECTED")
  void mailRejected() {
    doThrow(new BusinessRuleException("MAIL_REJECTED", "550 no such user"))
        .when(steps)
        .sendInvitationMail(1001);

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class,
            () -> new SendInvitationMailWorker(steps).sendInvitationMail(Jobs.job(), 1001));

    assertThat(error.getErrorCode()).isEqualTo("MAIL_REJECTED");
    assertThat(error.getErrorMessage()).isEqualTo("550 no such user");
  }

  @Test
  @DisplayName("send-invitation-mail: SMTP down fails the job, retried later, never lost")
  void smtpDown() {
    doThrow(new IllegalStateException("Connection refused: localhost:25"))
        .when(steps)
        .sendInvitationMail(1001);

    JobError error =
        catchThrowableOfType(
            JobError.class,
            () -> new SendInvitationMailWorker(steps).sendInvitationMail(Jobs.job(9001, 5), 1001));

    assertThat(error.getRetries()).isEqualTo(4);
    assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(error.getErrorMessage())
        .startsWith("Sending the mail of invitation 1001 failed")
        .contains("Connection refused");
  }

  @Test
  @DisplayName("send-reminder passes the invitation and the reminder number (the idempotency key)")
  void sendReminder() {
    var worker = new SendReminderWorker(steps);

    worker.sendReminder(Jobs.job(), 1001, 1);
    worker.sendReminder(Jobs.job(), 1001, 2);
    worker.sendReminder(Jobs.job(), 1001, 2); // redelivered

    verify(steps).sendReminder(1001, 1);
    verify(steps, times(2)).sendReminder(1001, 2);
    verifyNoMoreInteractions(steps);
  }

  @Test
  @DisplayName("expire-invitation and mark-invitation-bounced return the manager to ask")
  void managerToAsk() {
    when(steps.expireInvitation(1001))
        .thenReturn(new InvitationSteps.Expiry("marie.martin", false));
    when(steps.markBounced(1002)).thenReturn(new ManagerToAsk("paul.durand"));

    assertThat(
            new ExpireInvitationWorker(steps).expireInvitation(Jobs.job(), 1001).dossierManager())
        .isEqualTo("marie.martin");
    assertThat(
            new MarkInvitationBouncedWorker(steps).markBounced(Jobs.job(), 1002).dossierManager())
        .isEqualTo("paul.durand");
  }

  @Test
  @DisplayName("correct-contact-email stores the address and clears it from the process")
  void correctContactEmailClearsTheAddress() throws Exception {
    var result =
        new CorrectContactEmailWorker(steps)
            .correctContactEmail(Jobs.job(), 12, 42, "jeanne@exemple.fr");

    verify(steps).correctContactEmail(12, 42, "jeanne@exemple.fr");
    assertThat(result.correctedEmail()).isNull();
    assertThat(new ObjectMapper().writeValueAsString(result))
        .as("the variables sent back with the completion")
        .isEqualTo("{\"correctedEmail\":null}");
  }

  @Test
  @DisplayName("correct-contact-email: a still invalid address becomes INVALID_EMAIL")
  void correctionStillInvalid() {
    doThrow(new BusinessRuleException("INVALID_EMAIL", "no domain"))
        .when(steps)
        .correctContactEmail(12, 42, "jeanne@");

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class,
            () ->
                new CorrectContactEmailWorker(steps)
                    .correctContactEmail(Jobs.job(), 12, 42, "jeanne@"));

    assertThat(error.getErrorCode()).isEqualTo("INVALID_EMAIL");
  }

  @Test
  @DisplayName("extend, cancel and record-activation call their port method with their key")
  void otherSteps() {
    new ExtendInvitationWorker(steps).extendInvitation(Jobs.job(), 1001, "P45D");
    new CancelInvitationWorker(steps).cancelInvitations(Jobs.job(), 12);
    new RecordActivationWorker(steps).recordActivation(Jobs.job(), 1001);

    verify(steps).extendInvitation(1001, "P45D");
    verify(steps).cancelInvitations(12);
    verify(steps).recordActivation(1001);
    verifyNoMoreInteractions(steps);
  }
}
