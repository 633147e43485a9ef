package io.passerelle.workers.invitation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.workers.support.StepCall;
import org.springframework.stereotype.Component;

/**
 * {@code issue-invitation}: Issues a new invitation, once per entry into the task (keyed by the
 * job's element instance key); returns {@code invitationId}.
 */
@Component
public class IssueInvitationWorker {

  private final InvitationSteps steps;

  public IssueInvitationWorker(InvitationSteps steps) {
    this.steps = steps;
  }

  @JobWorker(type = JobTypes.ISSUE_INVITATION)
  public InvitationSteps.IssuedInvitation issueInvitation(
      ActivatedJob job,
      @Variable(name = Variables.ONBOARDING_ID) long onboardingId,
      @Variable(name = Variables.LINK_VALIDITY) String linkValidity) {
    return StepCall.call(
        job,
        "Issuing an invitation for onboarding " + onboardingId,
        () ->
            steps.issueInvitation(
                new InvitationSteps.IssueRequest(
                    onboardingId,
                    job.getElementInstanceKey(),
                    job.getProcessInstanceKey(),
                    linkValidity)));
  }
}
