package io.passerelle.firm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The firm running this Passerelle (a single row). */
@Entity
@Table(name = "firm")
class Firm {

  static final short THE_FIRM = 1;

  @Id private short id = THE_FIRM;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(name = "sender_email", nullable = false, length = 320)
  private String senderEmail;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt = Instant.now();

  protected Firm() {}

  Firm(String name, String senderEmail) {
    this.name = name;
    this.senderEmail = senderEmail;
  }

  public String getName() {
    return name;
  }

  public String getSenderEmail() {
    return senderEmail;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
