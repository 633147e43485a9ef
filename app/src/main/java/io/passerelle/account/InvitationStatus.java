package io.passerelle.account;

import java.util.EnumSet;
import java.util.Set;

/** The life of an invitation link. Only a live one (to be sent, or sent) can be used. */
public enum InvitationStatus {
  PENDING_SEND,
  SENT,
  ACCEPTED,
  CANCELLED,
  EXPIRED,
  SUPERSEDED,
  BOUNCED;

  public static final Set<InvitationStatus> LIVE = EnumSet.of(PENDING_SEND, SENT);

  public boolean live() {
    return LIVE.contains(this);
  }
}
