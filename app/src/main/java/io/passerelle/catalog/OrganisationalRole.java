package io.passerelle.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "organisational_role")
class OrganisationalRole {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 40)
  private String code;

  @Column(nullable = false, length = 100)
  private String label;

  @Column(nullable = false)
  private boolean active = true;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version private long version;

  protected OrganisationalRole() {}

  OrganisationalRole(String code, String label, Instant now) {
    this.code = code;
    this.label = label;
    this.createdAt = now;
  }

  void relabel(String label) {
    this.label = label;
  }

  void setActive(boolean active) {
    this.active = active;
  }

  Long getId() {
    return id;
  }

  RoleView view() {
    return new RoleView(id, code, label, active);
  }
}
