package io.passerelle.dossiercreation;

import io.passerelle.contact.AccessLevel;

/**
 * The company's director to invite once the dossier exists (seed 004, step 5): who they are, the
 * scope they get ("thèmes": null = the whole dossier), their access, the offer proposed and the
 * firm's message. Checked when the request is made.
 */
public record DirectorDetails(
    String firstName,
    String lastName,
    String email,
    String phone,
    String organisationalRoleCode,
    String limitedTo,
    AccessLevel accessLevel,
    String offerCode,
    String customMessage) {}
