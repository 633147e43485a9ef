package io.passerelle.workers.guest;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code accept-microsoft-guest}: the staff kept the guest as it is; recorded as accepted. */
@Component
public class AcceptMicrosoftGuestWorker {

  private final GuestInvitationSteps steps;

  public AcceptMicrosoftGuestWorker(GuestInvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.ACCEPT_MICROSOFT_GUEST, fetchVariables = Variables.ONBOARDING_ID)
  public void acceptGuest(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Keeping the Microsoft guest of onboarding " + onboardingId,
        () -> steps.acceptGuestAsIs(onboardingId));
  }
}
