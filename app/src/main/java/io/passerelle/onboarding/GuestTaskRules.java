package io.passerelle.onboarding;

import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Forms;
import io.passerelle.processes.ProcessNames.GuestDecisions;
import io.passerelle.processes.ProcessNames.Variables;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The Microsoft guest invitation's two staff tasks (issue 23): identity to check (refused,
 * mismatch, removed) and the expired invitation. Both take a required retry / continue / cancel
 * decision and an optional note, the same checks as their Camunda form.
 */
@Component
class GuestTaskRules implements TaskCompletionRules {

  private static final Set<String> DECISIONS =
      Set.of(GuestDecisions.RETRY, GuestDecisions.CONTINUE, GuestDecisions.CANCEL);

  @Override
  public Set<String> elementIds() {
    return Set.of(
        Elements.USER_TASK_RESOLVE_GUEST_IDENTITY, Elements.USER_TASK_FOLLOW_UP_GUEST_INVITATION);
  }

  @Override
  public String formId(String elementId) {
    return Forms.RESOLVE_GUEST_INVITATION;
  }

  @Override
  public Map<String, Object> check(OpenUserTask task, Map<String, Object> submitted, Actor actor) {
    Object decision = submitted.get(Variables.GUEST_DECISION);
    if (!(decision instanceof String text) || !DECISIONS.contains(text)) {
      throw invalid(
          Variables.GUEST_DECISION,
          OnboardingErrors.DECISION_REQUIRED,
          "Choose what to do: retry, continue or cancel.");
    }
    Object note = submitted.get(Variables.GUEST_NOTE);
    if (note != null && !(note instanceof String)) {
      throw invalid(Variables.GUEST_NOTE, OnboardingErrors.INVALID_NOTE, "A note is text.");
    }
    String noteText = note == null ? "" : ((String) note).strip();
    if (noteText.length() > InvitationTaskRules.MAX_NOTE) {
      throw invalid(
          Variables.GUEST_NOTE,
          CommonErrors.TOO_LONG,
          "A note has at most " + InvitationTaskRules.MAX_NOTE + " characters.");
    }
    return Map.of(Variables.GUEST_DECISION, text, Variables.GUEST_NOTE, noteText);
  }

  private static DomainException invalid(
      String field, io.passerelle.domain.ErrorCode code, String message) {
    return new DomainException(
        DomainException.Kind.INVALID,
        CommonErrors.VALIDATION_FAILED,
        message,
        List.of(new FieldError(field, code, message)));
  }
}
