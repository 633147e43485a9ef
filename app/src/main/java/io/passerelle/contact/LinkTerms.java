package io.passerelle.contact;

/**
 * The terms of a contact's access to a dossier.
 *
 * @param limitedTo null = the whole dossier (seed 001: leave "Limité à" at "-")
 * @param accessLevel null = READ_ONLY
 * @param holder a (co-)holder of the dossier: their access can never be withdrawn
 */
public record LinkTerms(String limitedTo, AccessLevel accessLevel, boolean holder) {

  public static LinkTerms wholeDossier(AccessLevel level) {
    return new LinkTerms(null, level, false);
  }

  /**
   * A typed scope as it is kept: empty, or left at "-" as the seed's form has it (or a typographic
   * dash), means the whole dossier (null); anything else stripped.
   */
  public static String scope(String limitedTo) {
    if (limitedTo == null) {
      return null;
    }
    String scope = limitedTo.strip();
    return scope.isEmpty() || scope.equals("-") || scope.equals("–") || scope.equals("—")
        ? null
        : scope;
  }
}
