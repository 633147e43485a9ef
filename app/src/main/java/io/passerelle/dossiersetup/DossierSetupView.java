package io.passerelle.dossiersetup;

import java.util.List;

/** How a dossier is set up: its document tree (null = none chosen) and partner applications. */
public record DossierSetupView(
    long dossierId,
    DocumentTreeView documentTree,
    List<PartnerApplicationView> partnerApplications) {}
