package io.passerelle.developmentdata;

import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.development.DevelopmentTools;
import io.passerelle.domain.Actor;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.NewDossier;
import io.passerelle.staff.NewStaffMember;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A small firm to try Passerelle with, with the development setting on only (never in {@code
 * remote} mode, whatever else is configured): two managers and a staff member, organisational
 * roles, three dossiers with valid SIRETs, contacts and their access. Loaded through the
 * application services, so every rule holds; skipped when its first user exists already.
 * PASSERELLE_DEV_DATA=false turns it off.
 */
@Component
@ConditionalOnExpression(DevelopmentTools.ENABLED + " and ${passerelle.dev-data:true}")
class DevelopmentData {

  /** The password of every development user but the administrator (README). */
  static final String PASSWORD = "passerelle-dev";

  private static final Logger LOG = LoggerFactory.getLogger(DevelopmentData.class);

  private final StaffService staff;
  private final CatalogService catalog;
  private final DossierService dossiers;
  private final ContactService contacts;
  private final DossierLinkService links;

  DevelopmentData(
      StaffService staff,
      CatalogService catalog,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links) {
    this.staff = staff;
    this.catalog = catalog;
    this.dossiers = dossiers;
    this.contacts = contacts;
    this.links = links;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(20)
  public void load() {
    if (staff.findByUsername("claire.martin").isPresent()) {
      return;
    }
    Actor system = Actor.system("development data");
    long claire = member("claire.martin", "Claire", "Martin", StaffRole.MANAGER, system);
    long hugo = member("hugo.bernard", "Hugo", "Bernard", StaffRole.STAFF, system);
    long sophie = member("sophie.durand", "Sophie", "Durand", StaffRole.MANAGER, system);

    catalog.createRole("DIRIGEANT", "Dirigeant", system);
    catalog.createRole("COMPTABLE_INTERNE", "Comptable interne", system);
    catalog.createRole("CONJOINT", "Conjoint", system);
    catalog.createRole("CONSEILLER", "Conseiller externe", system);

    var bakery = dossiers.create(bakery(claire, hugo), system);
    dossiers.create(garage(claire), system);
    var family = dossiers.create(family(sophie, hugo), system);
    dossiers.activateOffer(bakery.id(), "START", system);

    long jean = contacts.create(jean(), system).id();
    long alice = contacts.create(alice(), system).id();
    long paul = contacts.create(paul(), system).id();
    links.link(bakery.id(), jean, new LinkTerms(null, AccessLevel.READ_WRITE, true), system);
    links.link(family.id(), alice, new LinkTerms(null, AccessLevel.READ_ONLY, true), system);
    links.link(bakery.id(), paul, LinkTerms.wholeDossier(AccessLevel.READ_ONLY), system);
    LOG.info(
        "Embedded mode: development data loaded (claire.martin, sophie.durand: managers;"
            + " hugo.bernard: staff; password '{}')",
        PASSWORD);
  }

  private static NewDossier bakery(long manager, long member) {
    return new NewDossier(
        "Boulangerie Martin",
        "73282932000074",
        "SARL",
        "12 rue des Lilas",
        null,
        "69003",
        "Lyon",
        "FR",
        "10.71C",
        LocalDate.of(2026, 1, 1),
        null,
        manager,
        List.of(member));
  }

  private static NewDossier garage(long manager) {
    return new NewDossier(
        "Garage des Tilleuls",
        "44306184100047",
        "SAS",
        "3 avenue Foch",
        null,
        "75016",
        "Paris",
        "FR",
        "45.20A",
        LocalDate.of(2025, 7, 1),
        null,
        manager,
        List.of());
  }

  private static NewDossier family(long manager, long member) {
    return new NewDossier(
        "Famille Lefèvre",
        null,
        null,
        "8 chemin du Moulin",
        null,
        "33000",
        "Bordeaux",
        "FR",
        null,
        null,
        null,
        manager,
        List.of(member));
  }

  private static NewContact jean() {
    return new NewContact(
        "Jean",
        "Dupont",
        "Boulangerie Martin",
        null,
        SubscriberType.CLIENT,
        null,
        "jean.dupont@client.example",
        "06 12 34 56 78",
        "DIRIGEANT",
        false,
        Language.fr);
  }

  private static NewContact alice() {
    return new NewContact(
        "Alice",
        "Lefèvre",
        null,
        null,
        SubscriberType.CLIENT,
        null,
        "alice.lefevre@client.example",
        null,
        "DIRIGEANT",
        true,
        Language.fr);
  }

  private static NewContact paul() {
    return new NewContact(
        "Paul",
        "Lambert",
        "Banque du Rhône",
        null,
        SubscriberType.ADVISOR,
        AdvisorType.BANKER,
        "paul.lambert@banque.example",
        null,
        "CONSEILLER",
        true,
        Language.en);
  }

  private long member(String username, String first, String last, StaffRole role, Actor actor) {
    return staff
        .create(
            new NewStaffMember(
                username, username + "@cabinet.example", first, last, role, PASSWORD),
            actor)
        .id();
  }
}
