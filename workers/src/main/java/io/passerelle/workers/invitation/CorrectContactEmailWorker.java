package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code correct-contact-email}: stores the address entered in the correction task ({@code
 * INVALID_EMAIL} when it is still not valid). From the application's task page the address waits in
 * the database and {@code correctedEmail} is absent (null here): the step reads it there. From
 * Tasklist's form it comes as the variable, the only personal datum that then passes through the
 * engine, and this step clears it.
 */
@Component
public class CorrectContactEmailWorker {

  private final InvitationSteps steps;

  public CorrectContactEmailWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(
      type = JobTypes.CORRECT_CONTACT_EMAIL,
      fetchVariables = {Variables.ONBOARDING_ID, Variables.CONTACT_ID, Variables.CORRECTED_EMAIL})
  public EmailCorrected correctContactEmail(
      ActivatedJob job,
      @Variable(name = Variables.ONBOARDING_ID) long onboardingId,
      @Variable(name = Variables.CONTACT_ID) long contactId,
      @Variable(name = Variables.CORRECTED_EMAIL) String correctedEmail) {
    StepCall.run(
        job,
        "Storing the corrected e-mail address of contact " + contactId,
        () -> steps.correctContactEmail(onboardingId, contactId, correctedEmail));
    return EmailCorrected.CLEARED;
  }

  /** Sets {@code correctedEmail} to null in the process (the model's output mapping does too). */
  public record EmailCorrected(String correctedEmail) {
    static final EmailCorrected CLEARED = new EmailCorrected(null);
  }
}
