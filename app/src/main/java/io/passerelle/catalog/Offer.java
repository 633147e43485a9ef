package io.passerelle.catalog;

import io.passerelle.microsoft.Identity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "offer")
class Offer {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 40)
  private String code;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false, length = 1000)
  private String description;

  @Column(nullable = false)
  private boolean free;

  @Column(name = "consult_ged", nullable = false)
  private boolean consultGed;

  @Column(name = "upload_documents", nullable = false)
  private boolean uploadDocuments;

  @Column(name = "mobile_dashboard", nullable = false)
  private boolean mobileDashboard;

  @Column(name = "production_file_access", nullable = false)
  private boolean productionFileAccess;

  @Column(name = "widget_code", nullable = false, length = 60)
  private String widgetCode;

  @Column(name = "widget_name", nullable = false, length = 100)
  private String widgetName;

  @Column(nullable = false)
  private boolean active = true;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Identity identity = Identity.PASSERELLE;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version private long version;

  protected Offer() {}

  Offer(String code, Instant now) {
    this.code = code;
    this.createdAt = now;
  }

  void describe(OfferDefinition d) {
    this.name = d.name();
    this.description = d.description();
    this.free = d.free();
    this.consultGed = d.consultGed();
    this.uploadDocuments = d.uploadDocuments();
    this.mobileDashboard = d.mobileDashboard();
    this.productionFileAccess = d.productionFileAccess();
    this.widgetCode = d.widgetCode();
    this.widgetName = d.widgetName();
    if (d.active() != null) {
      this.active = d.active();
    }
    if (d.identity() != null) {
      this.identity = d.identity();
    }
  }

  OfferView view() {
    return new OfferView(
        id,
        code,
        name,
        description,
        free,
        consultGed,
        uploadDocuments,
        mobileDashboard,
        productionFileAccess,
        new OfferView.Widget(widgetCode, widgetName),
        active,
        identity);
  }
}
