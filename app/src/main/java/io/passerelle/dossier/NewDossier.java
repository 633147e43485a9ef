package io.passerelle.dossier;

import java.time.LocalDate;
import java.util.List;

/**
 * A dossier to create. {@code managerId} null = the manager who creates it; {@code fiscalYearStart}
 * null = no fiscal year yet; {@code fiscalYearEnd} null = start + 12 months − 1 day.
 */
public record NewDossier(
    String companyName,
    String siret,
    String legalForm,
    String addressLine1,
    String addressLine2,
    String postalCode,
    String city,
    String country,
    String nafCode,
    LocalDate fiscalYearStart,
    LocalDate fiscalYearEnd,
    Long managerId,
    List<Long> assignedStaffIds) {}
