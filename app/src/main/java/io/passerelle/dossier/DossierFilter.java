package io.passerelle.dossier;

/** Which dossiers to list; every field optional. {@code q}: in the company name or the SIRET. */
public record DossierFilter(String q, Long managerId, Long staffId, String offerCode) {}
