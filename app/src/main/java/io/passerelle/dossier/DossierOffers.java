package io.passerelle.dossier;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Locks;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The offers activated on a dossier (its tiles) and their widgets (seed 001, steps 1 and 4), for
 * the dossier's staff; both idempotent. Runs in the caller's transaction.
 */
@Component
class DossierOffers {

  private final DossierRepository dossiers;
  private final DossierAccess access;
  private final CatalogService catalog;
  private final ActivityService activity;
  private final Locks locks;
  private final Clock clock;

  DossierOffers(
      DossierRepository dossiers,
      DossierAccess access,
      CatalogService catalog,
      ActivityService activity,
      Locks locks,
      Clock clock) {
    this.dossiers = dossiers;
    this.access = access;
    this.catalog = catalog;
    this.activity = activity;
    this.locks = locks;
    this.clock = clock;
  }

  OfferActivation activate(long dossierId, String offerCode, Actor actor) {
    OfferView offer = catalog.activeOffer(offerCode);
    Dossier dossier = dossiers.require(dossierId);
    access.requireAssignedOrAdministrator(dossier, actor, "activate offers on this dossier");
    locks.lock("dossier-offer", dossierId + ":" + offer.id());
    var existing = dossier.offer(offer.id());
    if (existing.isPresent()) {
      return new OfferActivation(dossierId, DossierViews.offer(existing.get(), offer), false);
    }
    DossierOffer activated = dossier.activate(offer.id(), clock.instant());
    dossiers.flush(); // managed: new children are persisted by cascade
    activity.record(
        ActivityRecord.of(ActivityType.OFFER_ACTIVATED, actor, dossierId, null)
            .with("offerCode", offer.code()));
    return new OfferActivation(dossierId, DossierViews.offer(activated, offer), true);
  }

  DossierView.OfferOnDossier setWidget(
      long dossierId, String offerCode, boolean enabled, Actor actor) {
    OfferView offer = catalog.offer(offerCode);
    Dossier dossier = dossiers.require(dossierId);
    access.requireAssignedOrAdministrator(dossier, actor, "change the widgets of this dossier");
    DossierOffer onDossier =
        dossier
            .offer(offer.id())
            .orElseThrow(
                () ->
                    DomainException.conflict(
                        "OFFER_NOT_ACTIVE",
                        "The offer "
                            + offer.name()
                            + " is not active on this dossier: activate it first."));
    if (onDossier.changeWidget(
        enabled ? WidgetState.ENABLED : WidgetState.DISABLED, clock.instant())) {
      dossiers.flush(); // managed: new children are persisted by cascade
      activity.record(
          ActivityRecord.of(
                  enabled ? ActivityType.WIDGET_ENABLED : ActivityType.WIDGET_DISABLED,
                  actor,
                  dossierId,
                  null)
              .with("offerCode", offer.code()));
    }
    return DossierViews.offer(onDossier, offer);
  }
}
