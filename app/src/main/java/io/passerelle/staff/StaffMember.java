package io.passerelle.staff;

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
@Table(name = "staff_member")
class StaffMember {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 64)
  private String username;

  @Column(nullable = false, length = 254)
  private String email;

  @Column(name = "first_name", nullable = false, length = 100)
  private String firstName;

  @Column(name = "last_name", nullable = false, length = 100)
  private String lastName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private StaffRole role;

  @Column(name = "password_hash", nullable = false, length = 200)
  private String passwordHash;

  @Column(nullable = false)
  private boolean active = true;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected StaffMember() {}

  StaffMember(
      String username,
      String email,
      String firstName,
      String lastName,
      StaffRole role,
      String passwordHash,
      Instant now) {
    this.username = username;
    this.email = email;
    this.firstName = firstName;
    this.lastName = lastName;
    this.role = role;
    this.passwordHash = passwordHash;
    this.createdAt = now;
    this.updatedAt = now;
  }

  StaffView view() {
    return new StaffView(id, username, email, firstName, lastName, role, active);
  }

  Long getId() {
    return id;
  }

  String getUsername() {
    return username;
  }

  String getEmail() {
    return email;
  }

  StaffRole getRole() {
    return role;
  }

  String getPasswordHash() {
    return passwordHash;
  }

  boolean isActive() {
    return active;
  }

  void rename(String firstName, String lastName, Instant now) {
    this.firstName = firstName;
    this.lastName = lastName;
    this.updatedAt = now;
  }

  void changeEmail(String email, Instant now) {
    this.email = email;
    this.updatedAt = now;
  }

  void changeRole(StaffRole role, Instant now) {
    this.role = role;
    this.updatedAt = now;
  }

  void changePasswordHash(String passwordHash, Instant now) {
    this.passwordHash = passwordHash;
    this.updatedAt = now;
  }

  void setActive(boolean active, Instant now) {
    this.active = active;
    this.updatedAt = now;
  }
}
