package io.passerelle.portal;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.catalog.RoleView;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.ServiceFilter;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.collaboration.ServiceView;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkView;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.WidgetState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

/**
 * What a signed-in client sees: the dossiers their contact has live access to (seed 002's switch
 * between accounts), for each the access level, the offers active on it with what they give, and
 * the offer's widget once the firm enabled it (seed 001, step 4). A holder with an active account
 * may also invite family members or employees (seeds 003, 004).
 */
@Service
public class SpaceService {

  /** The client's space; {@code selected} is one of {@code dossiers}, or null when none. */
  public record Space(
      long accountId,
      String name,
      String email,
      Language language,
      List<Dossier> dossiers,
      Dossier selected,
      List<RoleView> roles) {}

  /** A dossier as its client sees it. */
  record Dossier(
      long id,
      String companyName,
      AccessLevel accessLevel,
      boolean holder,
      String limitedTo,
      boolean gedAccess,
      List<Offer> offers,
      boolean mayInvite) {

    /** The levels a holder may give: at most their own. */
    public List<AccessLevel> grantableLevels() {
      return accessLevel == AccessLevel.READ_WRITE
          ? List.of(AccessLevel.READ_ONLY, AccessLevel.READ_WRITE)
          : List.of(AccessLevel.READ_ONLY);
    }
  }

  /**
   * An offer active on the dossier: what it gives (text keys {@code offer.feature.*}), whether this
   * client's own service for it is active, and the widget when the firm enabled it.
   */
  record Offer(
      String code,
      String name,
      String description,
      List<String> features,
      boolean productionFileAccess,
      boolean serviceActive,
      boolean widgetEnabled,
      String widgetName) {}

  private final AccountService accounts;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final DossierService dossiers;
  private final CollaborationService services;
  private final CatalogService catalog;

  SpaceService(
      AccountService accounts,
      ContactService contacts,
      DossierLinkService links,
      DossierService dossiers,
      CollaborationService services,
      CatalogService catalog) {
    this.accounts = accounts;
    this.contacts = contacts;
    this.links = links;
    this.dossiers = dossiers;
    this.services = services;
    this.catalog = catalog;
  }

  /** What loading a space came to. */
  public sealed interface Loaded {
    record Found(Space space) implements Loaded {}

    /** The client has no live access to that dossier (or it does not exist). */
    record DossierNotFound(Language language) implements Loaded {}

    /** The account was disabled since the client signed in. */
    record AccountInactive() implements Loaded {}
  }

  /**
   * The space of an account that is still active, with {@code dossierId} selected, or the first
   * dossier when null.
   */
  public Loaded load(long accountId, Long dossierId) {
    AccountView account = accounts.get(accountId);
    if (!account.active()) {
      return new Loaded.AccountInactive();
    }
    ContactView contact = contacts.get(account.contactId());
    List<Dossier> visible = new ArrayList<>();
    for (LinkView link : links.forContact(contact.id(), false)) {
      visible.add(dossier(link, contact, true));
    }
    visible.sort(Comparator.comparing(Dossier::companyName, String.CASE_INSENSITIVE_ORDER));
    Dossier selected;
    if (dossierId == null) {
      selected = visible.isEmpty() ? null : visible.getFirst();
    } else {
      selected = visible.stream().filter(d -> d.id() == dossierId).findFirst().orElse(null);
      if (selected == null) {
        return new Loaded.DossierNotFound(contact.language());
      }
    }
    List<RoleView> roles =
        selected != null && selected.mayInvite()
            ? catalog.roles().stream().filter(RoleView::active).toList()
            : List.of();
    return new Loaded.Found(
        new Space(
            account.id(),
            contact.displayName(),
            account.email(),
            contact.language(),
            List.copyOf(visible),
            selected,
            roles));
  }

  /** Whether the account has live access to the dossier (the invite form's first check). */
  public boolean sees(long accountId, long dossierId) {
    AccountView account = accounts.get(accountId);
    return account.active() && links.liveLinkOf(dossierId, account.contactId()).isPresent();
  }

  private Dossier dossier(LinkView link, ContactView contact, boolean accountActive) {
    DossierView dossier = dossiers.get(link.dossierId());
    List<ServiceView> own =
        services
            .list(new ServiceFilter(dossier.id(), contact.id(), null, null), Pageable.ofSize(100))
            .getContent();
    List<Offer> offers = new ArrayList<>();
    for (DossierView.OfferOnDossier onDossier : dossier.offers()) {
      OfferView offer = catalog.offer(onDossier.offerCode());
      boolean serviceActive =
          own.stream()
              .anyMatch(
                  s ->
                      s.offerCode().equals(onDossier.offerCode())
                          && s.status() == ServiceStatus.ACTIVE);
      offers.add(
          new Offer(
              offer.code(),
              offer.name(),
              offer.description(),
              features(offer, link),
              offer.productionFileAccess(),
              serviceActive,
              onDossier.widgetState() == WidgetState.ENABLED,
              onDossier.widgetName()));
    }
    return new Dossier(
        dossier.id(),
        dossier.companyName(),
        link.accessLevel(),
        link.holder(),
        link.limitedTo(),
        link.gedAccess(),
        List.copyOf(offers),
        link.holder() && accountActive);
  }

  private static List<String> features(OfferView offer, LinkView link) {
    List<String> keys = new ArrayList<>();
    if (offer.consultGed()) {
      keys.add(link.gedAccess() ? "offer.feature.consultGed" : "offer.feature.consultGedRevoked");
    }
    if (offer.uploadDocuments()) {
      keys.add(
          link.accessLevel() == AccessLevel.READ_WRITE
              ? "offer.feature.uploadDocuments"
              : "offer.feature.uploadDocumentsReadOnly");
    }
    if (offer.mobileDashboard()) {
      keys.add("offer.feature.mobileDashboard");
    }
    if (offer.productionFileAccess()) {
      keys.add("offer.feature.productionFile");
    }
    return List.copyOf(keys);
  }
}
