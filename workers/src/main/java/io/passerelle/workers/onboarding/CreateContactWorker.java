package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code create-contact}: Creates or reuses the interlocutor; returns {@code contactId}, {@code
 * subscriberType}, {@code businessKey}.
 */
@Component
public class CreateContactWorker {

  private final OnboardingSteps steps;

  public CreateContactWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.CREATE_CONTACT, fetchVariables = Variables.ONBOARDING_ID)
  public OnboardingSteps.ContactReady createContact(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    return StepCall.call(
        job,
        "Creating the contact of onboarding " + onboardingId,
        () -> steps.createContact(onboardingId));
  }
}
