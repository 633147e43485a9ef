package io.passerelle.processes;

import java.util.List;

/**
 * Every string the models and the Java code share: process, decision and form ids, model resources,
 * job types, message names, error codes, variable names and the element ids the application looks
 * for. The single source of these names; {@code docs/design.md} describes what they mean.
 */
public final class ProcessNames {

  private ProcessNames() {}

  /** BPMN process ids. */
  public static final class Processes {
    public static final String CLIENT_ONBOARDING = "Process_ClientOnboarding";
    public static final String CLIENT_INVITATION = "Process_ClientInvitation";
    public static final String BULK_INVITATION = "Process_BulkInvitation";
    public static final String DOSSIER_CREATION = "Process_DossierCreation";
    public static final String MICROSOFT_GUEST_INVITATION = "Process_MicrosoftGuestInvitation";

    private Processes() {}
  }

  /** DMN decision ids. */
  public static final class Decisions {
    public static final String REMINDER_POLICY = "Decision_ReminderPolicy";

    private Decisions() {}
  }

  /** Camunda form ids, linked to their user tasks. */
  public static final class Forms {
    public static final String FOLLOW_UP_STALLED_ACTIVATION = "Form_FollowUpStalledActivation";
    public static final String CORRECT_CONTACT_EMAIL = "Form_CorrectContactEmail";
    public static final String DOSSIER_COMPANY_DETAILS = "Form_DossierCompanyDetails";
    public static final String RESOLVE_GUEST_INVITATION = "Form_ResolveGuestInvitation";

    private Forms() {}
  }

  /** The models on the classpath; deploy them together (forms and decision before use). */
  public static final class Resources {
    public static final String CLIENT_ONBOARDING = "processes/client-onboarding.bpmn";
    public static final String CLIENT_INVITATION = "processes/client-invitation.bpmn";
    public static final String BULK_INVITATION = "processes/bulk-invitation.bpmn";
    public static final String REMINDER_POLICY = "processes/reminder-policy.dmn";
    public static final String FOLLOW_UP_STALLED_ACTIVATION_FORM =
        "processes/follow-up-stalled-activation.form";
    public static final String CORRECT_CONTACT_EMAIL_FORM = "processes/correct-contact-email.form";
    public static final String DOSSIER_CREATION = "processes/dossier-creation.bpmn";
    public static final String DOSSIER_COMPANY_DETAILS_FORM =
        "processes/dossier-company-details.form";
    public static final String MICROSOFT_GUEST_INVITATION =
        "processes/microsoft-guest-invitation.bpmn";
    public static final String RESOLVE_GUEST_INVITATION_FORM =
        "processes/resolve-guest-invitation.form";

    /** Every model, in an order that deploys in one call. */
    public static final List<String> ALL =
        List.of(
            REMINDER_POLICY,
            FOLLOW_UP_STALLED_ACTIVATION_FORM,
            CORRECT_CONTACT_EMAIL_FORM,
            DOSSIER_COMPANY_DETAILS_FORM,
            RESOLVE_GUEST_INVITATION_FORM,
            CLIENT_INVITATION,
            MICROSOFT_GUEST_INVITATION,
            CLIENT_ONBOARDING,
            BULK_INVITATION,
            DOSSIER_CREATION);

    private Resources() {}
  }

  /** Job types of the service tasks (kebab-case), one worker class each. */
  public static final class JobTypes {
    // Process_ClientOnboarding
    public static final String ACTIVATE_OFFER = "activate-offer";
    public static final String CREATE_CONTACT = "create-contact";
    public static final String LINK_DOSSIER_CONTACT = "link-dossier-contact";
    public static final String PROPOSE_COLLABORATIVE_SERVICE = "propose-collaborative-service";
    public static final String SEND_NEW_ACCESS_NOTICE = "send-new-access-notice";
    public static final String ENABLE_OFFER_WIDGET = "enable-offer-widget";
    public static final String NOTIFY_ASSIGNED_STAFF = "notify-assigned-staff";
    public static final String RECORD_ONBOARDING_CANCELLED = "record-onboarding-cancelled";
    public static final String RECORD_ONBOARDING_REJECTED = "record-onboarding-rejected";

    // Process_ClientInvitation
    public static final String ISSUE_INVITATION = "issue-invitation";
    public static final String SEND_INVITATION_MAIL = "send-invitation-mail";
    public static final String SEND_REMINDER = "send-reminder";
    public static final String EXPIRE_INVITATION = "expire-invitation";
    public static final String EXTEND_INVITATION = "extend-invitation";
    public static final String CANCEL_INVITATION = "cancel-invitation";
    public static final String MARK_INVITATION_BOUNCED = "mark-invitation-bounced";
    public static final String CORRECT_CONTACT_EMAIL = "correct-contact-email";
    public static final String RECORD_ACTIVATION = "record-activation";

    // Process_BulkInvitation
    public static final String INVITE_BULK_ITEM = "invite-bulk-item";
    public static final String FLAG_BULK_ITEM_INVALID = "flag-bulk-item-invalid";
    public static final String COMPLETE_BULK_INVITATION = "complete-bulk-invitation";

    // Process_DossierCreation
    public static final String LOOKUP_COMPANY = "lookup-company";
    public static final String CREATE_DOSSIER = "create-dossier";
    public static final String RECORD_SIRET_ALREADY_USED = "record-siret-already-used";
    public static final String INVITE_DIRECTOR = "invite-director";

    // Process_MicrosoftGuestInvitation
    public static final String INVITE_MICROSOFT_GUEST = "invite-microsoft-guest";
    public static final String RESEND_MICROSOFT_GUEST_INVITATION =
        "resend-microsoft-guest-invitation";
    public static final String CHECK_MICROSOFT_GUEST = "check-microsoft-guest";
    public static final String ACCEPT_MICROSOFT_GUEST = "accept-microsoft-guest";

    /** Every job type the models use. */
    public static final List<String> ALL =
        List.of(
            ACTIVATE_OFFER,
            CREATE_CONTACT,
            LINK_DOSSIER_CONTACT,
            PROPOSE_COLLABORATIVE_SERVICE,
            SEND_NEW_ACCESS_NOTICE,
            ENABLE_OFFER_WIDGET,
            NOTIFY_ASSIGNED_STAFF,
            RECORD_ONBOARDING_CANCELLED,
            RECORD_ONBOARDING_REJECTED,
            ISSUE_INVITATION,
            SEND_INVITATION_MAIL,
            SEND_REMINDER,
            EXPIRE_INVITATION,
            EXTEND_INVITATION,
            CANCEL_INVITATION,
            MARK_INVITATION_BOUNCED,
            CORRECT_CONTACT_EMAIL,
            RECORD_ACTIVATION,
            INVITE_BULK_ITEM,
            FLAG_BULK_ITEM_INVALID,
            COMPLETE_BULK_INVITATION,
            LOOKUP_COMPANY,
            CREATE_DOSSIER,
            RECORD_SIRET_ALREADY_USED,
            INVITE_DIRECTOR,
            INVITE_MICROSOFT_GUEST,
            RESEND_MICROSOFT_GUEST_INVITATION,
            CHECK_MICROSOFT_GUEST,
            ACCEPT_MICROSOFT_GUEST);

    private JobTypes() {}
  }

  /**
   * Message names. The onboarding's are correlated by {@link Variables#ONBOARDING_KEY}, the dossier
   * creation's by {@link Variables#REQUEST_KEY}; publish them with a {@code messageId} of {@code
   * <message>-<correlation key>-<request id>}.
   */
  public static final class Messages {
    /** Staff: send the invitation that was kept for later. */
    public static final String SEND_INVITATION_NOW = "send-invitation-now";

    /** Client: activated the account from the invitation link. */
    public static final String CLIENT_ACTIVATED = "client-activated";

    /** Staff: resend (new invitation, new link, the reminder schedule restarts). */
    public static final String INVITATION_RESENT = "invitation-resent";

    /** Staff: cancel the pending invitation (before sending or at any time while it is pending). */
    public static final String INVITATION_CANCELLED = "invitation-cancelled";

    /** Staff: the contact's e-mail address changed (new invitation to the new address). */
    public static final String EMAIL_CHANGED = "email-changed";

    /** Mail system: the invitation or a reminder bounced. */
    public static final String EMAIL_BOUNCED = "email-bounced";

    /** Staff: stop waiting for the company registry and complete the company details by hand. */
    public static final String COMPANY_MANUAL_ENTRY = "company-manual-entry";

    /**
     * Microsoft Graph (a change notification): the guest accepted the invitation to the firm's
     * tenant. The periodic check does the same without it; publish with a {@code messageId} so that
     * it correlates once.
     */
    public static final String GUEST_ACCEPTED = "guest-accepted";

    private Messages() {}
  }

  /** BPMN error codes thrown by workers (through {@code BusinessRuleException}). */
  public static final class Errors {
    public static final String OFFER_UNKNOWN = "OFFER_UNKNOWN";
    public static final String DOSSIER_UNKNOWN = "DOSSIER_UNKNOWN";
    public static final String ROLE_MISSING = "ROLE_MISSING";
    public static final String INVALID_EMAIL = "INVALID_EMAIL";
    public static final String MAIL_REJECTED = "MAIL_REJECTED";
    public static final String SIRET_ALREADY_USED = "SIRET_ALREADY_USED";
    public static final String COMPANY_DETAILS_MISSING = "COMPANY_DETAILS_MISSING";

    /** Microsoft Graph refused the guest invitation for its data (address, cross-tenant policy). */
    public static final String GUEST_INVITATION_REFUSED = "GUEST_INVITATION_REFUSED";

    /** The guest redeemed the invitation with another address than the contact's. */
    public static final String GUEST_IDENTITY_MISMATCH = "GUEST_IDENTITY_MISMATCH";

    /** The guest was removed from the firm's tenant. */
    public static final String GUEST_REMOVED = "GUEST_REMOVED";

    private Errors() {}
  }

  /** Process variables (ids and small flags only; see design.md). */
  public static final class Variables {
    // start of Process_ClientOnboarding
    public static final String ONBOARDING_ID = "onboardingId";
    public static final String ONBOARDING_KEY = "onboardingKey";
    public static final String BUSINESS_KEY = "businessKey";
    public static final String DOSSIER_ID = "dossierId";
    public static final String OFFER_CODE = "offerCode";
    public static final String SEND_NOW = "sendNow";

    // set by workers
    public static final String CONTACT_ID = "contactId";
    public static final String SUBSCRIBER_TYPE = "subscriberType";
    public static final String SERVICE_ID = "serviceId";
    public static final String ACCOUNT_ID = "accountId";
    public static final String ACCOUNT_ACTIVE = "accountActive";
    public static final String INVITATION_ID = "invitationId";
    public static final String DOSSIER_MANAGER = "dossierManager";

    /**
     * Set by expire-invitation: another onboarding's newer link replaced this one and follows up.
     */
    public static final String FOLLOWED_UP_ELSEWHERE = "followedUpElsewhere";

    // set by the models
    public static final String REJECTION_CODE = "rejectionCode";
    public static final String REMINDER_POLICY = "reminderPolicy";
    public static final String REMINDER_NUMBER = "reminderNumber";
    public static final String INVITATION_OUTCOME = "invitationOutcome";

    /** Input of issue- and extend-invitation: the policy's expiry, how long the link lives. */
    public static final String LINK_VALIDITY = "linkValidity";

    // set by the user tasks' forms
    public static final String FOLLOW_UP_DECISION = "followUpDecision";
    public static final String FOLLOW_UP_NOTE = "followUpNote";
    public static final String CORRECTED_EMAIL = "correctedEmail";
    public static final String CORRECTION_NOTE = "correctionNote";

    // Process_ClientOnboarding / Process_MicrosoftGuestInvitation (issue 23)
    /** Set by propose-collaborative-service: {@code PASSERELLE} or {@code MICROSOFT}. */
    public static final String IDENTITY = "identity";

    /** Set by invite- and check-microsoft-guest: the guest is in the tenant, accepted. */
    public static final String GUEST_ACCEPTED = "guestAccepted";

    /** Set by the models: why the staff task opened (see {@link GuestProblems}). */
    public static final String GUEST_PROBLEM = "guestProblem";

    /** Set by the guest task's form: retry, continue or cancel ({@link GuestDecisions}). */
    public static final String GUEST_DECISION = "guestDecision";

    public static final String GUEST_NOTE = "guestNote";

    /** Output of Process_MicrosoftGuestInvitation: {@code accepted} or {@code cancelled}. */
    public static final String GUEST_OUTCOME = "guestOutcome";

    // Process_BulkInvitation
    public static final String BULK_ID = "bulkId";

    /** The items' ids in batches ({@link io.passerelle.processes.BulkItemBatches}). */
    public static final String BULK_ITEM_BATCHES = "bulkItemBatches";

    public static final String BULK_ITEM_BATCH = "bulkItemBatch";
    public static final String BULK_ITEM_ID = "bulkItemId";

    // Process_DossierCreation: at start (and sendNow above)
    public static final String DOSSIER_REQUEST_ID = "dossierRequestId";
    public static final String REQUEST_KEY = "requestKey";
    public static final String STARTED_BY = "startedBy";
    public static final String HAS_SIRET = "hasSiret";
    public static final String INVITE_DIRECTOR = "inviteDirector";

    // Process_DossierCreation: set by workers (and dossierId, onboardingId above)
    public static final String COMPANY_FOUND = "companyFound";
    public static final String ESTABLISHMENT_CLOSED = "establishmentClosed";
    public static final String EXISTING_DOSSIER_ID = "existingDossierId";

    // Process_DossierCreation: set by the company details form
    public static final String COMPANY_DETAILS_CONFIRMED = "companyDetailsConfirmed";

    private Variables() {}
  }

  /** Values of {@link Variables#FOLLOW_UP_DECISION}. */
  public static final class FollowUpDecisions {
    public static final String RESEND = "resend";
    public static final String EXTEND = "extend";
    public static final String CANCEL = "cancel";

    private FollowUpDecisions() {}
  }

  /** Values of {@link Variables#GUEST_DECISION}. */
  public static final class GuestDecisions {
    public static final String RETRY = "retry";
    public static final String CONTINUE = "continue";
    public static final String CANCEL = "cancel";

    private GuestDecisions() {}
  }

  /** Values of {@link Variables#GUEST_PROBLEM}. */
  public static final class GuestProblems {
    public static final String INVITATION_REFUSED = "INVITATION_REFUSED";
    public static final String IDENTITY_MISMATCH = "IDENTITY_MISMATCH";
    public static final String GUEST_REMOVED = "GUEST_REMOVED";
    public static final String EXPIRED = "EXPIRED";

    private GuestProblems() {}
  }

  /** Values of {@link Variables#INVITATION_OUTCOME}. */
  public static final class InvitationOutcomes {
    public static final String ACTIVATED = "activated";
    public static final String CANCELLED = "cancelled";

    private InvitationOutcomes() {}
  }

  /** Candidate groups of the user tasks. */
  public static final class CandidateGroups {
    public static final String MANAGERS = "managers";

    private CandidateGroups() {}
  }

  /** Element ids the application looks for (user tasks, where an instance stands, its end). */
  public static final class Elements {
    // Process_ClientOnboarding
    public static final String AWAIT_SEND_ORDER = "Gateway_AwaitSendOrder";
    public static final String CLIENT_INVITATION_CALL = "CallActivity_ClientInvitation";
    public static final String END_CLIENT_ONBOARDED = "EndEvent_ClientOnboarded";
    public static final String END_ONBOARDING_CANCELLED = "EndEvent_OnboardingCancelled";
    public static final String END_ONBOARDING_REJECTED = "EndEvent_OnboardingRejected";

    // Process_ClientInvitation
    public static final String AWAIT_ACTIVATION = "ReceiveTask_AwaitActivation";
    public static final String USER_TASK_FOLLOW_UP_STALLED_ACTIVATION =
        "UserTask_FollowUpStalledActivation";
    public static final String USER_TASK_CORRECT_CONTACT_EMAIL = "UserTask_CorrectContactEmail";
    public static final String END_INVITATION_ACCEPTED = "EndEvent_InvitationAccepted";
    public static final String END_INVITATION_CANCELLED = "EndEvent_InvitationCancelled";

    // Process_ClientOnboarding and Process_MicrosoftGuestInvitation (issue 23)
    public static final String GUEST_INVITATION_CALL = "CallActivity_GuestInvitation";
    public static final String AWAIT_GUEST_ACCEPTANCE = "SubProcess_AwaitGuestAcceptance";
    public static final String USER_TASK_RESOLVE_GUEST_IDENTITY = "UserTask_ResolveGuestIdentity";
    public static final String USER_TASK_FOLLOW_UP_GUEST_INVITATION =
        "UserTask_FollowUpGuestInvitation";
    public static final String END_GUEST_ACCEPTED = "EndEvent_GuestAccepted";

    // Process_BulkInvitation
    public static final String END_BULK_INVITATION_COMPLETED = "EndEvent_BulkInvitationCompleted";

    // Process_DossierCreation
    public static final String LOOKUP_COMPANY = "ServiceTask_LookupCompany";
    public static final String USER_TASK_COMPLETE_COMPANY_DETAILS =
        "UserTask_CompleteCompanyDetails";
    public static final String CREATE_DOSSIER = "ServiceTask_CreateDossier";
    public static final String END_DOSSIER_CREATED = "EndEvent_DossierCreated";
    public static final String END_DIRECTOR_REGISTERED = "EndEvent_DirectorRegistered";
    public static final String END_SIRET_ALREADY_USED = "EndEvent_SiretAlreadyUsed";

    private Elements() {}
  }

  /** {@code "onboarding-<id>"}: the correlation key of every message of one onboarding. */
  public static String onboardingKey(long onboardingId) {
    return "onboarding-" + onboardingId;
  }

  /**
   * {@code "dossier-request-<id>"}: the correlation key of the messages of one dossier creation.
   */
  public static String requestKey(long dossierRequestId) {
    return "dossier-request-" + dossierRequestId;
  }

  /** {@code "<message>-<onboardingKey>-<requestId>"}: a message id that makes a repeat harmless. */
  public static String messageId(String message, String onboardingKey, String requestId) {
    return message + "-" + onboardingKey + "-" + requestId;
  }
}
