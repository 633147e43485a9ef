package io.passerelle.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A dossier with its fiscal years, staff and activated offers (the tile). */
public record DossierView(
    long id,
    String companyName,
    String siret,
    String legalForm,
    Address address,
    String nafCode,
    StaffRef manager,
    List<StaffRef> assignedStaff,
    List<FiscalYearView> fiscalYears,
    List<OfferOnDossier> offers,
    Instant createdAt) {

  public record Address(
      String line1, String line2, String postalCode, String city, String country) {}

  public record StaffRef(long id, String username, String name) {}

  public record FiscalYearView(long id, LocalDate start, LocalDate end) {}

  /** An activated offer and the state of its widget on the dossier. */
  public record OfferOnDossier(
      String offerCode,
      String offerName,
      Instant activatedAt,
      String widgetCode,
      String widgetName,
      WidgetState widgetState,
      Instant widgetChangedAt) {}
}
