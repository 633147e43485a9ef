package io.passerelle.catalog;

import io.passerelle.microsoft.Identity;

/**
 * A collaborative offer: what it gives the client, and the widget it enables on the dossier.
 *
 * @param productionFileAccess whether the client reaches the firm's production file (Start: no)
 * @param identity how the offer's clients sign in: Passerelle's account and password, or a
 *     Microsoft account invited first as a guest of the firm's tenant (issue 23)
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
    boolean active,
    Identity identity) {

  /** True when the offer's clients sign in with Microsoft (guest of the firm's tenant first). */
  public boolean microsoft() {
    return identity == Identity.MICROSOFT;
  }

  /** The dossier widget an offer enables once a client is on board. */
  public record Widget(String code, String name) {}
}
