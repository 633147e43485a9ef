package io.passerelle.registry;

/** The answer of a SIRET lookup. */
public sealed interface CompanyLookup {

  /** The registry knows this establishment. */
  record Found(CompanyInfo company) implements CompanyLookup {}

  /** The registry answered, and knows no establishment with that SIRET. */
  record NotFound(String siret) implements CompanyLookup {}
}
