package io.passerelle.contact;

/** For advisors only (seed 003): banker, notary, lawyer, other. */
public enum AdvisorType {
  BANKER,
  NOTARY,
  LAWYER,
  OTHER
}
