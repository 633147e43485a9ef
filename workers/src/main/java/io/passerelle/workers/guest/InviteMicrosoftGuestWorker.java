package io.passerelle.workers.guest;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code invite-microsoft-guest}: invites the contact as a guest of the firm's tenant, once per
 * entry into the task (keyed by the job's element instance key); returns {@code guestAccepted} and
 * {@code dossierManager}.
 */
@Component
public class InviteMicrosoftGuestWorker {

  private final GuestInvitationSteps steps;

  public InviteMicrosoftGuestWorker(GuestInvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.INVITE_MICROSOFT_GUEST, fetchVariables = Variables.ONBOARDING_ID)
  public GuestInvitationSteps.GuestInvited inviteGuest(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    return StepCall.call(
        job,
        "Inviting the contact of onboarding " + onboardingId + " to the firm's Microsoft tenant",
        () ->
            steps.inviteGuest(
                new GuestInvitationSteps.InviteRequest(
                    onboardingId, job.getElementInstanceKey(), job.getProcessInstanceKey())));
  }
}
