package io.passerelle.workers.dossier;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code invite-director}: proposes the client space to the director entered in the request (a
 * client onboarding, sent now or on the firm's order); returns {@code onboardingId}.
 */
@Component
public class InviteDirectorWorker {

  private final DossierCreationSteps steps;

  public InviteDirectorWorker(DossierCreationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(
      type = JobTypes.INVITE_DIRECTOR,
      fetchVariables = {Variables.DOSSIER_REQUEST_ID, Variables.SEND_NOW})
  public DossierCreationSteps.DirectorInvitation inviteDirector(
      ActivatedJob job,
      @Variable(name = Variables.DOSSIER_REQUEST_ID) long dossierRequestId,
      @Variable(name = Variables.SEND_NOW) boolean sendNow) {
    return StepCall.call(
        job,
        "Inviting the director of dossier request " + dossierRequestId,
        () -> steps.inviteDirector(dossierRequestId, sendNow));
  }
}
