package io.passerelle.onboarding;

import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.ErrorCode;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.FollowUpDecisions;
import io.passerelle.processes.ProcessNames.Forms;
import io.passerelle.processes.ProcessNames.Variables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The invitation's two staff tasks: follow up a stalled activation (resend, extend or cancel, with
 * a note) and correct a bounced e-mail address. The same checks as their Camunda forms.
 */
@Component
class InvitationTaskRules implements TaskCompletionRules {

  static final int MAX_NOTE = 1000;
  private static final Set<String> DECISIONS =
      Set.of(FollowUpDecisions.RESEND, FollowUpDecisions.EXTEND, FollowUpDecisions.CANCEL);

  private final OnboardingRepository onboardings;
  private final ContactService contacts;

  InvitationTaskRules(OnboardingRepository onboardings, ContactService contacts) {
    this.onboardings = onboardings;
    this.contacts = contacts;
  }

  @Override
  public Set<String> elementIds() {
    return Set.of(
        Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION, Elements.USER_TASK_CORRECT_CONTACT_EMAIL);
  }

  @Override
  public String formId(String elementId) {
    return Elements.USER_TASK_CORRECT_CONTACT_EMAIL.equals(elementId)
        ? Forms.CORRECT_CONTACT_EMAIL
        : Forms.FOLLOW_UP_STALLED_ACTIVATION;
  }

  @Override
  public Map<String, Object> check(OpenUserTask task, Map<String, Object> submitted, Actor actor) {
    Map<String, Object> variables = new HashMap<>();
    if (Elements.USER_TASK_FOLLOW_UP_STALLED_ACTIVATION.equals(task.elementId())) {
      Object decision = submitted.get(Variables.FOLLOW_UP_DECISION);
      if (!(decision instanceof String text) || !DECISIONS.contains(text)) {
        throw invalid(
            Variables.FOLLOW_UP_DECISION,
            OnboardingErrors.DECISION_REQUIRED,
            "Choose what to do: resend, extend or cancel.");
      }
      variables.put(Variables.FOLLOW_UP_DECISION, decision);
      variables.put(
          Variables.FOLLOW_UP_NOTE,
          note(submitted.get(Variables.FOLLOW_UP_NOTE), Variables.FOLLOW_UP_NOTE));
      return variables;
    }
    Object value = submitted.get(Variables.CORRECTED_EMAIL);
    String email =
        EmailAddresses.require(value instanceof String s ? s : null, Variables.CORRECTED_EMAIL);
    Optional<Onboarding> onboarding =
        onboardings.findByInvitationProcessKey(task.processInstanceKey());
    Optional<Long> contactId = onboarding.map(Onboarding::getContactId);
    Optional<ContactView> owner = contacts.byEmail(email);
    if (owner.isPresent() && contactId.isPresent() && owner.get().id() != contactId.get()) {
      throw DomainException.conflict(
          CommonErrors.CONTACT_EMAIL_TAKEN,
          Variables.CORRECTED_EMAIL,
          "Another contact already has this address.");
    }
    if (onboarding.isPresent() && contactId.isPresent()) {
      // kept in the database for the step that applies it, never in the process's variables
      // (issue 19); the rule of every identity change applies (the manager of all its dossiers)
      contacts.proposeEmailCorrection(onboarding.get().getId(), contactId.get(), email, actor);
    } else {
      variables.put(Variables.CORRECTED_EMAIL, email);
    }
    variables.put(
        Variables.CORRECTION_NOTE,
        note(submitted.get(Variables.CORRECTION_NOTE), Variables.CORRECTION_NOTE));
    return variables;
  }

  private static String note(Object value, String field) {
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text)) {
      throw invalid(field, OnboardingErrors.INVALID_NOTE, "A note is text.");
    }
    if (text.length() > MAX_NOTE) {
      throw invalid(
          field, CommonErrors.TOO_LONG, "A note has at most " + MAX_NOTE + " characters.");
    }
    return text.strip();
  }

  private static DomainException invalid(String field, ErrorCode code, String message) {
    return new DomainException(
        DomainException.Kind.INVALID,
        CommonErrors.VALIDATION_FAILED,
        message,
        List.of(new FieldError(field, code, message)));
  }
}
