package io.passerelle.delegation;

import io.passerelle.contact.AdvisorType;

/**
 * An external advisor to register in a dossier (seed 003, "Ajouter un conseiller"): who they are
 * and which kind of advisor (banker, notary, lawyer, other: required).
 *
 * @param organisationalRoleCode null = {@code CONSEILLER}
 */
public record NewAdvisor(
    String firstName,
    String lastName,
    String companyName,
    AdvisorType advisorType,
    String email,
    String phone,
    String organisationalRoleCode) {}
