package io.passerelle.catalog;

/**
 * A collaborative offer: what it gives the client, and the widget it enables on the dossier.
 *
 * @param productionFileAccess whether the client reaches the firm's production file (Start: no)
 */
public record OfferView(
    long id,
    String code,
    String name,
    String description,
    boolean free,
    boolean consultGed,
    boolean uploadDocuments,
    boolean mobileDashboard,
    boolean productionFileAccess,
    Widget widget,
    boolean active) {

  /** The dossier widget an offer enables once a client is on board. */
  public record Widget(String code, String name) {}
}
