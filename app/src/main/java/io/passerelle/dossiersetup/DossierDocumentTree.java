package io.passerelle.dossiersetup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "dossier_document_tree")
class DossierDocumentTree {

  @Id
  @Column(name = "dossier_id")
  private Long dossierId;

  @Column(name = "template_code", nullable = false, length = 40)
  private String templateCode;

  @Column(name = "template_name", nullable = false, length = 100)
  private String templateName;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private List<String> folders = new ArrayList<>();

  @Column(name = "chosen_at", nullable = false)
  private Instant chosenAt;

  @Version private long version;

  protected DossierDocumentTree() {}

  DossierDocumentTree(long dossierId) {
    this.dossierId = dossierId;
  }

  /** Gives the dossier this template; false when it already had it (nothing changes). */
  boolean choose(DossierSetupProperties.DocumentTreeTemplate template, Instant now) {
    if (template.code().equals(templateCode)) {
      return false;
    }
    this.templateCode = template.code();
    this.templateName = template.name();
    this.folders = new ArrayList<>(template.folders());
    this.chosenAt = now;
    return true;
  }

  DocumentTreeView view() {
    return new DocumentTreeView(templateCode, templateName, List.copyOf(folders), chosenAt);
  }
}
