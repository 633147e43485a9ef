package io.passerelle.collaboration;

import java.util.EnumSet;
import java.util.Set;

/** PROPOSED → INVITED → ACTIVE, or CANCELLED / EXPIRED / REVOKED. */
public enum ServiceStatus {
  PROPOSED,
  INVITED,
  ACTIVE,
  CANCELLED,
  EXPIRED,
  REVOKED;

  public static final Set<ServiceStatus> LIVE = EnumSet.of(PROPOSED, INVITED, ACTIVE);

  public boolean live() {
    return LIVE.contains(this);
  }
}
