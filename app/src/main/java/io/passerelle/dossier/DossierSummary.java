package io.passerelle.dossier;

import java.util.Set;

/** What other features need to know of a dossier: its name, manager and assigned staff. */
public record DossierSummary(
    long id,
    String companyName,
    long managerId,
    String managerUsername,
    Set<Long> assignedStaffIds) {}
