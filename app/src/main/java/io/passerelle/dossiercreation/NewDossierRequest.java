package io.passerelle.dossiercreation;

import io.passerelle.dossiersetup.PartnerApplicationChoice;
import java.util.List;

/**
 * "Ajouter un client" (seed 004): everything the staff member gives at once. Only the company's
 * name is needed in the end; without a SIRET, or when the registry does not know it, the staff
 * member completes the details in a task.
 *
 * @param siret null = none: straight to the manual completion task
 * @param company what the staff member typed; blanks are filled from the registry
 * @param fiscalYears the oldest first is enough; each end defaults to 12 months after its start
 * @param managerId null = the manager who asks (an administrator names one)
 * @param documentTreeCode needed when the firm has several templates
 * @param director null = nobody to invite now; the firm can propose the space later
 * @param sendInvitationNow seed 004's checkbox: the invitation leaves at once, or waits for the
 *     firm's "send it now" on the dossier's page
 */
public record NewDossierRequest(
    String siret,
    CompanyDetails company,
    List<CompanyFields.FiscalYear> fiscalYears,
    Long managerId,
    List<Long> assignedStaffIds,
    String documentTreeCode,
    List<PartnerApplicationChoice> partnerApplications,
    DirectorDetails director,
    boolean sendInvitationNow) {}
