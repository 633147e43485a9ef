package io.passerelle.dossier;

import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.util.List;
import org.springframework.stereotype.Component;

/** A dossier as the other features and the API read it: identity, staff, fiscal years, offers. */
@Component
class DossierViews {

  private final StaffService staff;
  private final CatalogService catalog;

  DossierViews(StaffService staff, CatalogService catalog) {
    this.staff = staff;
    this.catalog = catalog;
  }

  DossierView view(Dossier dossier) {
    var d = dossier.details();
    CompanyIdentity company = d.company();
    PostalAddress address = company.address();
    List<DossierView.StaffRef> assigned =
        dossier.getAssignedStaffIds().stream().sorted().map(this::staffRef).toList();
    List<DossierView.OfferOnDossier> offers =
        dossier.getOffers().stream().map(o -> offer(o, catalog.offer(o.getOfferId()))).toList();
    return new DossierView(
        dossier.getId(),
        company.companyName(),
        d.siret(),
        company.legalForm(),
        new DossierView.Address(
            address.line1(),
            address.line2(),
            address.postalCode(),
            address.city(),
            address.country()),
        company.nafCode(),
        staffRef(dossier.getManagerId()),
        assigned,
        dossier.getFiscalYears().stream().map(FiscalYear::view).toList(),
        offers,
        dossier.getCreatedAt());
  }

  static DossierView.OfferOnDossier offer(DossierOffer onDossier, OfferView offer) {
    return new DossierView.OfferOnDossier(
        offer.code(),
        offer.name(),
        onDossier.getActivatedAt(),
        offer.widget().code(),
        offer.widget().name(),
        onDossier.getWidgetState(),
        onDossier.getWidgetChangedAt());
  }

  private DossierView.StaffRef staffRef(long id) {
    StaffView member = staff.get(id);
    return new DossierView.StaffRef(member.id(), member.username(), member.displayName());
  }
}
