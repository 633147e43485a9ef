package io.passerelle.account;

/**
 * Where a client account stands, and the colour staff see for it (seed 002): green = activated,
 * yellow = pending activation (an invitation is out), grey = not activated (never invited, or
 * disabled). The colour is derived here and never stored.
 */
public enum AccountStatus {
  NOT_INVITED,
  PENDING,
  ACTIVE,
  DISABLED;

  /** The colour of seed 002's account list. */
  public enum Colour {
    GREEN,
    YELLOW,
    GREY
  }

  public Colour colour() {
    return switch (this) {
      case ACTIVE -> Colour.GREEN;
      case PENDING -> Colour.YELLOW;
      case NOT_INVITED, DISABLED -> Colour.GREY;
    };
  }

  /** The label staff read beside the colour. */
  public String label() {
    return switch (this) {
      case ACTIVE -> "Activé";
      case PENDING -> "Activation en attente";
      case NOT_INVITED -> "Non activé";
      case DISABLED -> "Désactivé";
    };
  }
}
