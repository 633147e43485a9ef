package io.passerelle.dossiersetup;

import java.util.Map;

/**
 * What is chosen for one partner application on a dossier.
 *
 * @param accessAllowed seed 004's "Autoriser l'accès"
 * @param onClientPortal a redirect application shown on the director's portal
 * @param settings the extra fields of an automation application, by key
 */
public record PartnerApplicationChoice(
    String code, boolean accessAllowed, boolean onClientPortal, Map<String, String> settings) {

  public PartnerApplicationChoice {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
