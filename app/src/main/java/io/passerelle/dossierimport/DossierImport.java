package io.passerelle.dossierimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An import that went through, with its report. */
@Entity
@Table(name = "dossier_import")
class DossierImport {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "imported_by_staff_id", nullable = false, updatable = false)
  private long importedByStaffId;

  @Column(name = "file_name", length = 255)
  private String fileName;

  @Column(name = "file_sha256", nullable = false)
  private byte[] fileSha256;

  @Column(nullable = false, length = 20)
  private String encoding;

  @Column(nullable = false, length = 1)
  private String separator;

  @Column(name = "dossiers_created", nullable = false)
  private int dossiersCreated;

  @Column(name = "contacts_linked", nullable = false)
  private int contactsLinked;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private ImportReport report;

  @Column(name = "imported_at", nullable = false)
  private Instant importedAt;

  protected DossierImport() {}

  DossierImport(
      long importedByStaffId,
      String fileName,
      byte[] fileSha256,
      String encoding,
      String separator,
      int dossiersCreated,
      int contactsLinked,
      Instant importedAt) {
    this.importedByStaffId = importedByStaffId;
    this.fileName = fileName;
    this.fileSha256 = fileSha256;
    this.encoding = encoding;
    this.separator = separator;
    this.dossiersCreated = dossiersCreated;
    this.contactsLinked = contactsLinked;
    this.importedAt = importedAt;
  }

  Long getId() {
    return id;
  }

  ImportReport getReport() {
    return report;
  }

  void report(ImportReport report) {
    this.report = report;
  }
}
