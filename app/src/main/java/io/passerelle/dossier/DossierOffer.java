package io.passerelle.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An offer activated on a dossier (a part of its "tile"), with the state of its widget. */
@Entity
@Table(name = "dossier_offer")
class DossierOffer {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "dossier_id", nullable = false)
  private Dossier dossier;

  @Column(name = "offer_id", nullable = false)
  private long offerId;

  @Column(name = "activated_at", nullable = false, updatable = false)
  private Instant activatedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "widget_state", nullable = false, length = 16)
  private WidgetState widgetState = WidgetState.NOT_INITIALISED;

  @Column(name = "widget_changed_at")
  private Instant widgetChangedAt;

  @Version private long version;

  protected DossierOffer() {}

  DossierOffer(Dossier dossier, long offerId, Instant now) {
    this.dossier = dossier;
    this.offerId = offerId;
    this.activatedAt = now;
  }

  long getOfferId() {
    return offerId;
  }

  Instant getActivatedAt() {
    return activatedAt;
  }

  WidgetState getWidgetState() {
    return widgetState;
  }

  Instant getWidgetChangedAt() {
    return widgetChangedAt;
  }

  /** Returns false when the widget was already in that state. */
  boolean changeWidget(WidgetState state, Instant now) {
    if (widgetState == state) {
      return false;
    }
    widgetState = state;
    widgetChangedAt = now;
    return true;
  }
}
