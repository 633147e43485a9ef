package io.passerelle.workers.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.camunda.client.exception.BpmnError;
import io.passerelle.workers.guest.GuestInvitationSteps.GuestChecked;
import io.passerelle.workers.guest.GuestInvitationSteps.GuestInvited;
import io.passerelle.workers.guest.GuestInvitationSteps.InviteRequest;
import io.passerelle.workers.guest.GuestInvitationSteps.Refusal;
import io.passerelle.workers.support.BusinessRuleException;
import io.passerelle.workers.support.Jobs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GuestWorkersTest {

  private final GuestInvitationSteps steps = mock(GuestInvitationSteps.class);

  @Test
  @DisplayName(
      "invite-microsoft-guest keys the invitation by the job's element instance and returns the"
          + " gateway's variables")
  void invite() {
    var invited = new GuestInvited(false, "marie.martin");
    when(steps.inviteGuest(new InviteRequest(12, 9001, 7001))).thenReturn(invited);

    assertThat(new InviteMicrosoftGuestWorker(steps).inviteGuest(Jobs.job(), 12))
        .isEqualTo(invited);
  }

  @Test
  @DisplayName("a refused invitation is the BPMN error, with the manager for the staff task")
  void refused() {
    when(steps.inviteGuest(new InviteRequest(12, 9001, 7001)))
        .thenThrow(
            new BusinessRuleException(
                "GUEST_INVITATION_REFUSED", "blocked", new Refusal("marie.martin")));

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class,
            () -> new InviteMicrosoftGuestWorker(steps).inviteGuest(Jobs.job(), 12));

    assertThat(error.getErrorCode()).isEqualTo("GUEST_INVITATION_REFUSED");
    assertThat(error.getVariables()).isEqualTo(new Refusal("marie.martin"));
  }

  @Test
  @DisplayName("check-microsoft-guest returns guestAccepted; a mismatch is the BPMN error")
  void check() {
    when(steps.checkGuest(12)).thenReturn(new GuestChecked(true));
    assertThat(new CheckMicrosoftGuestWorker(steps).checkGuest(Jobs.job(), 12).guestAccepted())
        .isTrue();

    when(steps.checkGuest(13))
        .thenThrow(new BusinessRuleException("GUEST_IDENTITY_MISMATCH", "other address"));
    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> new CheckMicrosoftGuestWorker(steps).checkGuest(Jobs.job(), 13));
    assertThat(error.getErrorCode()).isEqualTo("GUEST_IDENTITY_MISMATCH");
  }

  @Test
  @DisplayName("the reminder and the staff's decision call their port method")
  void resendAndAccept() {
    new ResendMicrosoftGuestInvitationWorker(steps).resendGuestInvitation(Jobs.job(), 12, 2);
    new AcceptMicrosoftGuestWorker(steps).acceptGuest(Jobs.job(), 12);

    verify(steps).resendGuestInvitation(12, 2);
    verify(steps).acceptGuestAsIs(12);
  }
}
