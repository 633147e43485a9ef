package io.passerelle.workers.guest;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code check-microsoft-guest}: reads the guest's state in the tenant; returns {@code
 * guestAccepted}; a mismatch or a removal is a BPMN error the model catches.
 */
@Component
public class CheckMicrosoftGuestWorker {

  private final GuestInvitationSteps steps;

  public CheckMicrosoftGuestWorker(GuestInvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.CHECK_MICROSOFT_GUEST, fetchVariables = Variables.ONBOARDING_ID)
  public GuestInvitationSteps.GuestChecked checkGuest(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    return StepCall.call(
        job,
        "Reading the Microsoft guest of onboarding " + onboardingId,
        () -> steps.checkGuest(onboardingId));
  }
}
