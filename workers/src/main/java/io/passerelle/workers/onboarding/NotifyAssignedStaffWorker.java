package io.passerelle.workers.onboarding;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code notify-assigned-staff}: Tells the dossier's assigned staff that the client is onboarded.
 */
@Component
public class NotifyAssignedStaffWorker {

  private final OnboardingSteps steps;

  public NotifyAssignedStaffWorker(OnboardingSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.NOTIFY_ASSIGNED_STAFF, fetchVariables = Variables.ONBOARDING_ID)
  public void notifyAssignedStaff(
      ActivatedJob job, @Variable(name = Variables.ONBOARDING_ID) long onboardingId) {
    StepCall.run(
        job,
        "Notifying the staff of onboarding " + onboardingId,
        () -> steps.notifyAssignedStaff(onboardingId));
  }
}
