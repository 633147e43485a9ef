package io.passerelle.dossierimport;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns a dossier import reads, by their French header (case, accents, spaces and hyphens do
 * not matter: "Raison sociale", "raison_sociale" and "RAISON-SOCIALE" are the same column). Only
 * the company name is required; the director's columns are optional together.
 */
enum ImportColumn {
  RAISON_SOCIALE("raison_sociale", true),
  SIRET("siret", false),
  FORME_JURIDIQUE("forme_juridique", false),
  ADRESSE("adresse", false),
  COMPLEMENT_ADRESSE("complement_adresse", false),
  CODE_POSTAL("code_postal", false),
  VILLE("ville", false),
  PAYS("pays", false),
  CODE_NAF("code_naf", false),
  DEBUT_EXERCICE("debut_exercice", false),
  FIN_EXERCICE("fin_exercice", false),
  RESPONSABLE("responsable", false),
  COLLABORATEURS("collaborateurs", false),
  ARBORESCENCE("arborescence", false),
  DIRIGEANT_PRENOM("dirigeant_prenom", false),
  DIRIGEANT_NOM("dirigeant_nom", false),
  DIRIGEANT_EMAIL("dirigeant_email", false),
  DIRIGEANT_TELEPHONE("dirigeant_telephone", false);

  private final String header;
  private final boolean required;

  ImportColumn(String header, boolean required) {
    this.header = header;
    this.required = required;
  }

  String header() {
    return header;
  }

  boolean required() {
    return required;
  }

  static Optional<ImportColumn> of(String header) {
    String normalised = normalise(header);
    return Arrays.stream(values()).filter(c -> c.header.equals(normalised)).findFirst();
  }

  /** "Début d'exercice " → "debut_d_exercice"; "Raison sociale" → "raison_sociale". */
  static String normalise(String header) {
    String plain =
        Normalizer.normalize(header == null ? "" : header.strip(), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return plain.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
  }
}
