package io.passerelle.dossiersetup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "dossier_partner_application")
class DossierPartnerApplication {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "dossier_id", nullable = false)
  private long dossierId;

  @Column(name = "application_code", nullable = false, length = 40)
  private String applicationCode;

  @Column(name = "access_allowed", nullable = false)
  private boolean accessAllowed;

  @Column(name = "on_client_portal", nullable = false)
  private boolean onClientPortal;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private Map<String, String> settings = new LinkedHashMap<>();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected DossierPartnerApplication() {}

  DossierPartnerApplication(long dossierId, String applicationCode) {
    this.dossierId = dossierId;
    this.applicationCode = applicationCode;
  }

  String getApplicationCode() {
    return applicationCode;
  }

  /** Applies the choice; false when it was already so (nothing changes). */
  boolean apply(PartnerApplicationChoice choice, Instant now) {
    if (updatedAt != null
        && accessAllowed == choice.accessAllowed()
        && onClientPortal == choice.onClientPortal()
        && Objects.equals(settings, choice.settings())) {
      return false;
    }
    this.accessAllowed = choice.accessAllowed();
    this.onClientPortal = choice.onClientPortal();
    this.settings = new LinkedHashMap<>(choice.settings());
    this.updatedAt = now;
    return true;
  }

  PartnerApplicationView view(DossierSetupProperties.PartnerApplication application) {
    return new PartnerApplicationView(
        application.code(),
        application.name(),
        application.kind(),
        application.url(),
        accessAllowed,
        onClientPortal,
        Map.copyOf(settings),
        updatedAt);
  }
}
