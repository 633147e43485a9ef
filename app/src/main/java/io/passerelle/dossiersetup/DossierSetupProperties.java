package io.passerelle.dossiersetup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The firm's catalogues for setting a dossier up (seed 004, steps 4 and 6): the document tree
 * templates ("arborescences") the firm selected, and the partner applications it offers. Without
 * configuration, a small default catalogue applies; a firm replaces it with its own (for example
 * {@code PASSERELLE_DOSSIER_SETUP_DOCUMENT_TREES_0_CODE=...}). A list given replaces the default
 * one entirely; an empty list means none.
 *
 * @param documentTrees the templates; when there are several, whoever creates a dossier picks one
 * @param partnerApplications the applications a dossier may allow; automation applications name the
 *     extra fields they need
 */
@Validated
@ConfigurationProperties("passerelle.dossier-setup")
public record DossierSetupProperties(
    @Valid List<DocumentTreeTemplate> documentTrees,
    @Valid List<PartnerApplication> partnerApplications) {

  public DossierSetupProperties {
    documentTrees = documentTrees == null ? DEFAULT_DOCUMENT_TREES : List.copyOf(documentTrees);
    partnerApplications =
        partnerApplications == null
            ? DEFAULT_PARTNER_APPLICATIONS
            : List.copyOf(partnerApplications);
  }

  /** A document tree template: its folders, created in the dossier's document store. */
  public record DocumentTreeTemplate(
      @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}") String code,
      @NotBlank @Size(max = 100) String name,
      @Size(max = 500) String description,
      List<@NotBlank @Size(max = 200) String> folders) {

    public DocumentTreeTemplate {
      folders = folders == null ? List.of() : List.copyOf(folders);
    }
  }

  /** How a partner application works with a dossier. */
  public enum Kind {
    /** a link to the partner's site: allowing access is enough (seed 004: "redirection") */
    REDIRECT,
    /** the partner works on the dossier's data: it needs extra settings (seed 004) */
    AUTOMATION
  }

  /** A partner application of the catalogue. */
  public record PartnerApplication(
      @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}") String code,
      @NotBlank @Size(max = 100) String name,
      @Size(max = 500) String description,
      @NotNull Kind kind,
      URI url,
      @Valid List<SettingField> fields) {

    public PartnerApplication {
      fields = fields == null ? List.of() : List.copyOf(fields);
    }
  }

  /**
   * An extra field an automation application needs: an identifier or a code the partner gives
   * (never a password: settings are stored as plain data).
   *
   * @param pattern a regular expression the whole value must match, or null
   */
  public record SettingField(
      @NotBlank @Pattern(regexp = "[a-z][A-Za-z0-9]{0,39}") String key,
      @NotBlank @Size(max = 100) String label,
      boolean required,
      String pattern,
      @Size(max = 300) String help) {}

  static final List<DocumentTreeTemplate> DEFAULT_DOCUMENT_TREES =
      List.of(
          new DocumentTreeTemplate(
              "CABINET",
              "Arborescence du cabinet",
              "L'arborescence principale du cabinet, avec un répertoire par exercice.",
              List.of(
                  "Comptabilité/Exercices",
                  "Fiscal",
                  "Social",
                  "Juridique",
                  "Banque",
                  "Documents permanents")),
          new DocumentTreeTemplate(
              "TPE",
              "Arborescence simplifiée (TPE)",
              "Pour les petites entreprises : pièces comptables, fiscal et juridique.",
              List.of("Pièces comptables", "Fiscal", "Juridique")));

  static final List<PartnerApplication> DEFAULT_PARTNER_APPLICATIONS =
      List.of(
          new PartnerApplication(
              "PORTAIL_BANCAIRE",
              "Portail bancaire",
              "Accès direct à la banque en ligne de l'entreprise depuis son portail.",
              Kind.REDIRECT,
              URI.create("https://banque.example"),
              List.of()),
          new PartnerApplication(
              "NOTES_DE_FRAIS",
              "Notes de frais",
              "Saisie des notes de frais par le dirigeant et ses salariés.",
              Kind.REDIRECT,
              URI.create("https://notes-de-frais.example"),
              List.of()),
          new PartnerApplication(
              "SYNCHRO_BANCAIRE",
              "Synchronisation bancaire",
              "Les relevés bancaires arrivent chaque jour dans le dossier.",
              Kind.AUTOMATION,
              null,
              List.of(
                  new SettingField(
                      "bankConnectionId",
                      "Identifiant de connexion bancaire",
                      true,
                      "[A-Za-z0-9-]{4,64}",
                      "Donné par l'agrégateur bancaire lors de la connexion du compte."))),
          new PartnerApplication(
              "PAIE",
              "Logiciel de paie",
              "Les bulletins et les écritures de paie arrivent dans le dossier.",
              Kind.AUTOMATION,
              null,
              List.of(
                  new SettingField(
                      "payrollCompanyCode",
                      "Code société dans le logiciel de paie",
                      true,
                      "[A-Z0-9]{3,20}",
                      null),
                  new SettingField(
                      "payrollEstablishment",
                      "Établissement (si plusieurs)",
                      false,
                      "[A-Za-z0-9 -]{1,40}",
                      null))));
}
