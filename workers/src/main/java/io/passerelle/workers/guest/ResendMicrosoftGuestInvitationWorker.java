package io.passerelle.workers.guest;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code resend-microsoft-guest-invitation}: the policy's reminder re-sends the guest invitation.
 */
@Component
public class ResendMicrosoftGuestInvitationWorker {

  private final GuestInvitationSteps steps;

  public ResendMicrosoftGuestInvitationWorker(GuestInvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(
      type = JobTypes.RESEND_MICROSOFT_GUEST_INVITATION,
      fetchVariables = {Variables.ONBOARDING_ID, Variables.REMINDER_NUMBER})
  public void resendGuestInvitation(
      ActivatedJob job,
      @Variable(name = Variables.ONBOARDING_ID) long onboardingId,
      @Variable(name = Variables.REMINDER_NUMBER) int reminderNumber) {
    StepCall.run(
        job,
        "Re-sending the Microsoft guest invitation of onboarding "
            + onboardingId
            + " (reminder "
            + reminderNumber
            + ")",
        () -> steps.resendGuestInvitation(onboardingId, reminderNumber));
  }
}
