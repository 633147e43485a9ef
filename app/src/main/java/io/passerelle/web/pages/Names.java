package io.passerelle.web.pages;

/** How a contact or a staff member is named on the pages. */
public final class Names {

  private Names() {}

  /** "First Last", or the company name for a company, or "(effacé)" for an erased contact. */
  public static String person(String first, String last, String company) {
    String person = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    if (!person.isEmpty()) {
      return person;
    }
    return company == null || company.isBlank() ? "(effacé)" : company;
  }
}
