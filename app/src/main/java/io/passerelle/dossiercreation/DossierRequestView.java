package io.passerelle.dossiercreation;

import io.passerelle.contact.AccessLevel;
import io.passerelle.dossier.DossierView.StaffRef;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.registry.CompanyInfo;
import java.time.Instant;
import java.util.List;

/**
 * A dossier request as the staff API and pages show it: the data, where it stands, and what the
 * engine says (the open task, incidents).
 *
 * @param company what the dossier will be created with (the staff's input, completed from the
 *     registry)
 * @param registry null when the registry was not asked (no SIRET) or has not answered yet
 * @param dossier the dossier created ({@code CREATED})
 * @param existingDossier the dossier that already has the SIRET ({@code SIRET_ALREADY_USED}: "déjà
 *     utilisé", with its link)
 * @param problem why the creation sent the request back to the staff member, if it did
 */
public record DossierRequestView(
    long id,
    DossierRequestStatus status,
    String siret,
    CompanyDetails company,
    Registry registry,
    List<CompanyFields.FiscalYear> fiscalYears,
    StaffRef requestedBy,
    StaffRef manager,
    List<StaffRef> assignedStaff,
    String documentTreeCode,
    List<PartnerApplicationChoice> partnerApplications,
    Director director,
    DossierRef dossier,
    DossierRef existingDossier,
    Problem problem,
    Process process,
    Instant createdAt,
    Instant updatedAt) {

  /** The registry's answer, flagging a closed establishment. */
  public record Registry(
      RegistryOutcome outcome,
      boolean establishmentClosed,
      CompanyInfo company,
      Instant checkedAt) {}

  /**
   * The director to invite: their details until the onboarding exists (then {@code onboardingId},
   * and the details live in the contact).
   */
  public record Director(
      boolean toInvite,
      boolean sendInvitationNow,
      String firstName,
      String lastName,
      String email,
      String organisationalRoleCode,
      String limitedTo,
      AccessLevel accessLevel,
      String offerCode,
      Long onboardingId) {}

  /** A dossier, with its API address (the page links it: "déjà utilisé"). */
  public record DossierRef(long id, String companyName, String href) {}

  public record Problem(String code, String message) {}

  /**
   * Where the process stands: the open task (who it waits for) and the incidents an operator sees
   * (the registry down after every retry, for one).
   */
  public record Process(Long processInstanceKey, Task openTask, List<Incident> incidents) {}

  public record Task(long userTaskKey, String elementId, String name, String assignee) {}

  public record Incident(String elementId, String errorType, String message, Instant created) {}
}
