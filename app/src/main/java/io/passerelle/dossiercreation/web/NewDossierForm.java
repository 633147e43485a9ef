package io.passerelle.dossiercreation.web;

import io.passerelle.contact.AccessLevel;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiercreation.DirectorDetails;
import io.passerelle.dossiercreation.NewDossierRequest;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.registry.CompanyInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's "Ajouter un client" as one form: the SIRET (looked up in the registry to prefill the
 * company), the company, the fiscal year, the document tree, the team, the director to invite (now
 * or later) and the partner applications. A bean, not a record, so that the partner applications
 * bind as {@code applications[PAIE].settings[payrollCompanyCode]}; checkboxes are false unless
 * ticked.
 */
public class NewDossierForm {

  private String requestId;
  private String siret;
  private String companyName;
  private String legalForm;
  private String addressLine1;
  private String addressLine2;
  private String postalCode;
  private String city;
  private String country = "FR";
  private String nafCode;
  private String fiscalYearStart;
  private String fiscalYearEnd;
  private String documentTreeCode;
  private Long managerId;
  private List<Long> assignedStaffIds = new ArrayList<>();
  private String directorFirstName;
  private String directorLastName;
  private String directorEmail;
  private String directorPhone;
  private String directorLimitedTo;
  private AccessLevel directorAccessLevel = AccessLevel.READ_WRITE;
  private String directorOfferCode = "START";
  private String directorMessage;
  private boolean sendInvitationNow;
  private Map<String, PartnerApplicationForm> applications = new LinkedHashMap<>();

  /** A fresh form: seed 004's checkbox "send the invitation now" is ticked. */
  static NewDossierForm blank(String requestId, Long managerId) {
    NewDossierForm form = new NewDossierForm();
    form.requestId = requestId;
    form.managerId = managerId;
    form.sendInvitationNow = true;
    return form;
  }

  /** The application's part of the form (an empty one when nothing was sent for it). */
  public PartnerApplicationForm application(String code) {
    PartnerApplicationForm app = applications.get(code);
    return app == null ? new PartnerApplicationForm() : app;
  }

  /** Whether this staff member is among the assigned ones. */
  public boolean assigned(long staffId) {
    return assignedStaffIds != null && assignedStaffIds.contains(staffId);
  }

  /** Whether a director is named: their e-mail is what an invitation needs. */
  boolean namesDirector() {
    return directorEmail != null && !directorEmail.isBlank();
  }

  /**
   * The registry's answer replaces the company's fields it has a value for (the staff member asked
   * for it by looking the SIRET up); the others keep what was typed.
   */
  void prefill(CompanyInfo company) {
    companyName = or(company.companyName(), companyName);
    legalForm = or(company.legalForm(), legalForm);
    addressLine1 = or(company.address(), addressLine1);
    postalCode = or(company.postalCode(), postalCode);
    city = or(company.city(), city);
    String naf = CompanyFields.naf(company.nafCode(), "nafCode", new ArrayList<>());
    nafCode = or(naf, nafCode);
    country = "FR";
  }

  private static String or(String value, String current) {
    return value == null || value.isBlank() ? current : value;
  }

  /**
   * The fiscal year as the page asks it: the start is required (seed 004, step 3), the end is
   * proposed 12 months later when left empty.
   *
   * @throws IllegalArgumentException naming the field when a date cannot be read
   */
  List<CompanyFields.FiscalYear> fiscalYears() {
    LocalDate start = date(fiscalYearStart, "fiscalYearStart");
    LocalDate end = date(fiscalYearEnd, "fiscalYearEnd");
    if (start == null && end == null) {
      return List.of();
    }
    return List.of(new CompanyFields.FiscalYear(start, end));
  }

  static LocalDate date(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field, e);
    }
  }

  /**
   * The request for the dossier request service, the same the API builds.
   *
   * @param catalogue the partner applications of the firm, in the order the form shows them: the
   *     choices are sent in that order, only for the applications something was chosen for
   */
  NewDossierRequest command(List<PartnerApplication> catalogue) {
    return new NewDossierRequest(
        siret,
        company(),
        fiscalYears(),
        managerId,
        assignedStaffIds == null ? List.of() : List.copyOf(assignedStaffIds),
        documentTreeCode,
        choices(catalogue).stream().map(Choice::choice).toList(),
        namesDirector()
            ? new DirectorDetails(
                directorFirstName,
                directorLastName,
                directorEmail,
                directorPhone,
                null,
                directorLimitedTo,
                directorAccessLevel,
                directorOfferCode,
                directorMessage)
            : null,
        sendInvitationNow);
  }

  CompanyDetails company() {
    return new CompanyDetails(
        companyName, legalForm, addressLine1, addressLine2, postalCode, city, country, nafCode);
  }

  /** A choice sent to the service and the application it is for (to name its errors). */
  record Choice(PartnerApplication application, PartnerApplicationChoice choice) {}

  List<Choice> choices(List<PartnerApplication> catalogue) {
    List<Choice> choices = new ArrayList<>();
    for (PartnerApplication application : catalogue) {
      PartnerApplicationForm app = applications.get(application.code());
      if (app == null || !app.touched()) {
        continue;
      }
      Map<String, String> settings = new LinkedHashMap<>();
      app.getSettings()
          .forEach(
              (key, value) -> {
                if (value != null && !value.isBlank()) {
                  settings.put(key, value);
                }
              });
      choices.add(
          new Choice(
              application,
              new PartnerApplicationChoice(
                  application.code(), app.isAccessAllowed(), app.isOnClientPortal(), settings)));
    }
    return choices;
  }

  // ---- bean properties ----

  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  public String getSiret() {
    return siret;
  }

  public void setSiret(String siret) {
    this.siret = siret;
  }

  public String getCompanyName() {
    return companyName;
  }

  public void setCompanyName(String companyName) {
    this.companyName = companyName;
  }

  public String getLegalForm() {
    return legalForm;
  }

  public void setLegalForm(String legalForm) {
    this.legalForm = legalForm;
  }

  public String getAddressLine1() {
    return addressLine1;
  }

  public void setAddressLine1(String addressLine1) {
    this.addressLine1 = addressLine1;
  }

  public String getAddressLine2() {
    return addressLine2;
  }

  public void setAddressLine2(String addressLine2) {
    this.addressLine2 = addressLine2;
  }

  public String getPostalCode() {
    return postalCode;
  }

  public void setPostalCode(String postalCode) {
    this.postalCode = postalCode;
  }

  public String getCity() {
    return city;
  }

  public void setCity(String city) {
    this.city = city;
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  public String getNafCode() {
    return nafCode;
  }

  public void setNafCode(String nafCode) {
    this.nafCode = nafCode;
  }

  public String getFiscalYearStart() {
    return fiscalYearStart;
  }

  public void setFiscalYearStart(String fiscalYearStart) {
    this.fiscalYearStart = fiscalYearStart;
  }

  public String getFiscalYearEnd() {
    return fiscalYearEnd;
  }

  public void setFiscalYearEnd(String fiscalYearEnd) {
    this.fiscalYearEnd = fiscalYearEnd;
  }

  public String getDocumentTreeCode() {
    return documentTreeCode;
  }

  public void setDocumentTreeCode(String documentTreeCode) {
    this.documentTreeCode = documentTreeCode;
  }

  public Long getManagerId() {
    return managerId;
  }

  public void setManagerId(Long managerId) {
    this.managerId = managerId;
  }

  public List<Long> getAssignedStaffIds() {
    return assignedStaffIds;
  }

  public void setAssignedStaffIds(List<Long> assignedStaffIds) {
    this.assignedStaffIds = assignedStaffIds == null ? new ArrayList<>() : assignedStaffIds;
  }

  public String getDirectorFirstName() {
    return directorFirstName;
  }

  public void setDirectorFirstName(String directorFirstName) {
    this.directorFirstName = directorFirstName;
  }

  public String getDirectorLastName() {
    return directorLastName;
  }

  public void setDirectorLastName(String directorLastName) {
    this.directorLastName = directorLastName;
  }

  public String getDirectorEmail() {
    return directorEmail;
  }

  public void setDirectorEmail(String directorEmail) {
    this.directorEmail = directorEmail;
  }

  public String getDirectorPhone() {
    return directorPhone;
  }

  public void setDirectorPhone(String directorPhone) {
    this.directorPhone = directorPhone;
  }

  public String getDirectorLimitedTo() {
    return directorLimitedTo;
  }

  public void setDirectorLimitedTo(String directorLimitedTo) {
    this.directorLimitedTo = directorLimitedTo;
  }

  public AccessLevel getDirectorAccessLevel() {
    return directorAccessLevel;
  }

  public void setDirectorAccessLevel(AccessLevel directorAccessLevel) {
    this.directorAccessLevel = directorAccessLevel;
  }

  public String getDirectorOfferCode() {
    return directorOfferCode;
  }

  public void setDirectorOfferCode(String directorOfferCode) {
    this.directorOfferCode = directorOfferCode;
  }

  public String getDirectorMessage() {
    return directorMessage;
  }

  public void setDirectorMessage(String directorMessage) {
    this.directorMessage = directorMessage;
  }

  public boolean isSendInvitationNow() {
    return sendInvitationNow;
  }

  public void setSendInvitationNow(boolean sendInvitationNow) {
    this.sendInvitationNow = sendInvitationNow;
  }

  public Map<String, PartnerApplicationForm> getApplications() {
    return applications;
  }

  public void setApplications(Map<String, PartnerApplicationForm> applications) {
    this.applications = applications == null ? new LinkedHashMap<>() : applications;
  }
}
