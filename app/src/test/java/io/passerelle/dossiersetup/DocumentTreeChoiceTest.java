package io.passerelle.dossiersetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.domain.DomainException;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seed 004, step 4: the tree is picked when there are several, applied when there is one. */
class DocumentTreeChoiceTest {

  private static final DocumentTreeTemplate MAIN =
      new DocumentTreeTemplate("CABINET", "Cabinet", null, List.of("Fiscal"));
  private static final DocumentTreeTemplate SMALL =
      new DocumentTreeTemplate("TPE", "TPE", null, List.of("Pièces"));

  private static DossierSetupService with(List<DocumentTreeTemplate> templates) {
    return new DossierSetupService(
        new DossierSetupProperties(templates, List.of()), null, null, null, null, null, null);
  }

  @Test
  @DisplayName("several templates: none named is refused, a named one is used (any case)")
  void several() {
    var service = with(List.of(MAIN, SMALL));
    assertThatThrownBy(() -> service.resolveDocumentTree(null, "documentTreeCode"))
        .isInstanceOf(DomainException.class)
        .hasFieldOrPropertyWithValue("code", "DOCUMENT_TREE_REQUIRED")
        .hasMessageContaining("CABINET, TPE");
    assertThat(service.resolveDocumentTree(" tpe ", "documentTreeCode")).contains(SMALL);
  }

  @Test
  @DisplayName("one template: it applies without being named")
  void one() {
    assertThat(with(List.of(MAIN)).resolveDocumentTree(null, "documentTreeCode")).contains(MAIN);
  }

  @Test
  @DisplayName("no template: no tree, and naming one is refused")
  void none() {
    var service = with(List.of());
    assertThat(service.resolveDocumentTree("  ", "documentTreeCode")).isEmpty();
    assertThatThrownBy(() -> service.resolveDocumentTree("CABINET", "documentTreeCode"))
        .hasFieldOrPropertyWithValue("code", "DOCUMENT_TREE_UNKNOWN")
        .hasMessageContaining("the firm has none");
  }

  @Test
  @DisplayName("without configuration, the default catalogue: two trees, four applications")
  void defaults() {
    var properties = new DossierSetupProperties(null, null);
    assertThat(properties.documentTrees())
        .extracting(DocumentTreeTemplate::code)
        .containsExactly("CABINET", "TPE");
    assertThat(properties.partnerApplications()).hasSize(4);
  }
}
