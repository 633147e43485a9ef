package io.passerelle.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

@Entity
@Table(name = "fiscal_year")
class FiscalYear {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "dossier_id", nullable = false)
  private Dossier dossier;

  @Column(name = "start_date", nullable = false)
  private LocalDate startDate;

  @Column(name = "end_date", nullable = false)
  private LocalDate endDate;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected FiscalYear() {}

  FiscalYear(Dossier dossier, LocalDate startDate, LocalDate endDate, Instant now) {
    this.dossier = dossier;
    this.startDate = startDate;
    this.endDate = endDate;
    this.createdAt = now;
  }

  boolean overlaps(LocalDate start, LocalDate end) {
    return !start.isAfter(endDate) && !end.isBefore(startDate);
  }

  LocalDate getStartDate() {
    return startDate;
  }

  DossierView.FiscalYearView view() {
    return new DossierView.FiscalYearView(id, startDate, endDate);
  }
}
