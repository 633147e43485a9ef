package io.passerelle.workers.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.passerelle.workers.support.BusinessRuleException;
import io.passerelle.workers.support.Jobs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BulkWorkersTest {

  private final BulkInvitationSteps steps = mock(BulkInvitationSteps.class);

  @Test
  @DisplayName(
      "invite-bulk-item: an invalid contact address becomes INVALID_EMAIL for that item only")
  void invalidEmail() {
    doThrow(new BusinessRuleException("INVALID_EMAIL", "no address"))
        .when(steps)
        .inviteBulkItem(12);
    var worker = new InviteBulkItemWorker(steps);

    worker.inviteBulkItem(Jobs.job(), 11);
    BpmnError error =
        catchThrowableOfType(BpmnError.class, () -> worker.inviteBulkItem(Jobs.job(), 12));

    assertThat(error.getErrorCode()).isEqualTo("INVALID_EMAIL");
    verify(steps).inviteBulkItem(11);
  }

  @Test
  @DisplayName("a redelivered invite-bulk-item job calls the port with the same item id")
  void redelivered() {
    var worker = new InviteBulkItemWorker(steps);
    var job = Jobs.job(9001, 5);

    worker.inviteBulkItem(job, 11);
    worker.inviteBulkItem(job, 11);

    verify(steps, times(2)).inviteBulkItem(11);
    verifyNoMoreInteractions(steps);
  }

  @Test
  @DisplayName("a technical failure of an item fails its job with retries and a backoff")
  void technicalFailure() {
    doThrow(new IllegalStateException("pool exhausted")).when(steps).inviteBulkItem(11);

    JobError error =
        catchThrowableOfType(
            JobError.class, () -> new InviteBulkItemWorker(steps).inviteBulkItem(Jobs.job(), 11));

    assertThat(error.getRetries()).isEqualTo(4);
    assertThat(error.getErrorMessage()).startsWith("Inviting bulk item 11 failed");
  }

  @Test
  @DisplayName("flag and complete call their port method with their key")
  void otherSteps() {
    new FlagBulkItemInvalidWorker(steps).flagInvalidEmail(Jobs.job(), 12);
    new CompleteBulkInvitationWorker(steps).completeBulk(Jobs.job(), 401);

    verify(steps).flagInvalidEmail(12);
    verify(steps).completeBulk(401);
    verifyNoMoreInteractions(steps);
  }
}
