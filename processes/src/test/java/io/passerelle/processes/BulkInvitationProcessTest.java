package io.passerelle.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.processes.support.EngineDriver;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ZeebeProcessTest
@DisplayName("Invitation groupée (Process_BulkInvitation)")
class BulkInvitationProcessTest {

  private ZeebeTestEngine engine;
  private EngineDriver driver;

  @AfterEach
  void closeTheClient() {
    driver.close();
  }

  @BeforeEach
  void deploy() {
    driver = new EngineDriver(engine).deployAll();
    driver.stub(
        JobTypes.INVITE_BULK_ITEM,
        (job, jobs) -> {
          if (((Number) job.getVariable(Variables.BULK_ITEM_ID)).longValue() == 12) {
            EngineDriver.throwError(Errors.INVALID_EMAIL).handle(job, jobs);
          } else {
            jobs.newCompleteCommand(job).send().join();
          }
        });
  }

  @AfterEach
  void noCommandWasRejected() {
    assertThat(driver.rejections()).isEmpty();
  }

  private List<Object> bulkItemIds(String jobType) {
    return driver.jobs(jobType).stream().map(job -> job.variable(Variables.BULK_ITEM_ID)).toList();
  }

  @Test
  @DisplayName("one invalid e-mail among several: it is flagged, the others are still invited")
  void invalidEmailIsFlaggedAndTheOthersAreInvited() {
    var bulk = driver.startBulk(401, List.of(11L, 12L, 13L, 14L));

    assertThat(bulkItemIds(JobTypes.INVITE_BULK_ITEM)).containsExactlyInAnyOrder(11, 12, 13, 14);
    assertThat(bulkItemIds(JobTypes.FLAG_BULK_ITEM_INVALID)).containsExactly(12);
    assertThat(driver.jobs(JobTypes.COMPLETE_BULK_INVITATION))
        .extracting(job -> job.variable(Variables.BULK_ID))
        .containsExactly(401);
    assertThat(bulk)
        .hasPassedElement("EndEvent_BulkItemInvited", 3)
        .hasPassedElement("EndEvent_BulkItemFlagged", 1)
        .hasPassedElement("ServiceTask_CompleteBulk", 1)
        .hasPassedElement(Elements.END_BULK_INVITATION_COMPLETED)
        .isCompleted();
  }

  @Test
  @DisplayName("all valid: every contact invited, none flagged, the bulk closed once")
  void allValidContactsAreInvited() {
    var bulk = driver.startBulk(402, List.of(21L, 22L));

    assertThat(bulkItemIds(JobTypes.INVITE_BULK_ITEM)).containsExactlyInAnyOrder(21, 22);
    assertThat(driver.jobs(JobTypes.FLAG_BULK_ITEM_INVALID)).isEmpty();
    assertThat(driver.jobs(JobTypes.COMPLETE_BULK_INVITATION)).hasSize(1);
    assertThat(bulk).hasNotPassedElement("EndEvent_BulkItemFlagged").isCompleted();
  }

  @Test
  @DisplayName(
      "more contacts than a batch holds: each invited once, batch by batch, the bulk closed once")
  void contactsBeyondOneBatchAreEachInvitedOnce() {
    List<Long> ids = LongStream.rangeClosed(1001, 1250).boxed().toList();

    var bulk = driver.startBulk(403, ids);

    assertThat(bulkItemIds(JobTypes.INVITE_BULK_ITEM))
        .map(id -> ((Number) id).longValue())
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(driver.jobs(JobTypes.COMPLETE_BULK_INVITATION)).hasSize(1);
    assertThat(bulk)
        .hasPassedElement("EndEvent_BatchProcessed", 3)
        .hasPassedElement("EndEvent_BulkItemInvited", 250)
        .isCompleted();
  }

  @Test
  @DisplayName("nothing left to invite: the bulk closes at once")
  void emptyBulkCloses() {
    var bulk = driver.startBulk(404, List.of());

    assertThat(driver.jobs(JobTypes.INVITE_BULK_ITEM)).isEmpty();
    assertThat(driver.jobs(JobTypes.COMPLETE_BULK_INVITATION)).hasSize(1);
    assertThat(bulk).isCompleted();
  }
}
