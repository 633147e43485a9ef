package io.passerelle.domain;

/**
 * A stable error code of the catalogue: API clients and process workers branch on it, the staff
 * pages and the tests read its texts in the bundles ({@code error.<CODE>} in {@code
 * messages/errors*.properties}). Each feature lists its own codes in one enum ({@code
 * contact.ContactErrors}, …); codes several features give, and the input checks every feature
 * makes, are in {@link CommonErrors}. A code is declared once in the whole catalogue.
 */
public interface ErrorCode {

  /** The code's name, as enums give it. */
  String name();

  /** The code as the API answers it ({@code code} of problem+json). */
  default String code() {
    return name();
  }

  /** Whether {@code code} (a code as a string: a field error's, a stored one) is this one. */
  default boolean is(String code) {
    return code().equals(code);
  }

  /** The key of its text in the bundles. */
  default String messageKey() {
    return "error." + code();
  }
}
