package io.passerelle.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A postal address as a dossier and a dossier request store it: the columns {@code address_line1},
 * {@code address_line2}, {@code postal_code}, {@code city} and {@code country} (a 2-letter ISO
 * code, FR when none is given) of their tables.
 */
@Embeddable
public record PostalAddress(
    @Column(name = "address_line1", length = 200) String line1,
    @Column(name = "address_line2", length = 200) String line2,
    @Column(name = "postal_code", length = 10) String postalCode,
    @Column(name = "city", length = 100) String city,
    @Column(name = "country", nullable = false, length = 2) String country) {

  /** France, when no country is given. */
  public static final String DEFAULT_COUNTRY = "FR";

  public PostalAddress {
    country = country == null ? DEFAULT_COUNTRY : country;
  }
}
