package io.passerelle.portal;

/** Names the client pages share. */
public final class PortalPages {

  /** The query parameter of a page a form was sent back to after the session expired. */
  public static final String SESSION_EXPIRED = "session-expiree";

  private PortalPages() {}
}
