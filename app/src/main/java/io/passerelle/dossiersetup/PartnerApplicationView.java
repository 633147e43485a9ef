package io.passerelle.dossiersetup;

import io.passerelle.dossiersetup.DossierSetupProperties.Kind;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A partner application of the catalogue and its state on one dossier (not allowed until someone
 * allows it).
 */
public record PartnerApplicationView(
    String code,
    String name,
    Kind kind,
    URI url,
    boolean accessAllowed,
    boolean onClientPortal,
    Map<String, String> settings,
    Instant updatedAt) {}
