package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/** {@code link-dossier-contact}: Links the dossier to the interlocutor. */
@Component
public class LinkDossierContactWorker {

  private final OnboardingSteps steps;

  public LinkDossierContactWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.LINK_DOSSIER_CONTACT, fetchVariables = Variables.ONBOARDING_ID)
  public void linkDossier(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Linking the dossier of onboarding " + onboardingId + " to its contact",
        () -> steps.linkDossierToContact(onboardingId));
  }
}
