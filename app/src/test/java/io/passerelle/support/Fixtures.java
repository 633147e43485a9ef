package io.passerelle.support;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.LinkView;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.NewDossier;
import io.passerelle.staff.StaffService;
import java.time.LocalDate;
import java.util.List;

/** Rows made through the application services, as the system actor, for tests to act on. */
public final class Fixtures {

  public static final Actor SYSTEM = Actor.system("test fixture");

  private final StaffService staff;
  private final DossierService dossiers;
  private final ContactService contacts;
  private final DossierLinkService links;

  public Fixtures(
      StaffService staff,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links) {
    this.staff = staff;
    this.dossiers = dossiers;
    this.contacts = contacts;
    this.links = links;
  }

  public long staffId(String username) {
    return staff.findByUsername(username).orElseThrow().id();
  }

  public Actor.Staff actor(String username) {
    var member = staff.findByUsername(username).orElseThrow();
    return new Actor.Staff(member.id(), member.username(), member.administrator());
  }

  /** A dossier managed by {@code manager}, with the Start offer active. */
  public DossierView dossier(String manager) {
    var dossier =
        dossiers.create(
            new NewDossier(
                TestData.unique("Société "),
                TestData.siret(),
                "SAS",
                null,
                null,
                null,
                null,
                null,
                null,
                LocalDate.of(2026, 1, 1),
                null,
                staffId(manager),
                List.of(staffId(Api.STAFF))),
            SYSTEM);
    dossiers.activateOffer(dossier.id(), "START", SYSTEM);
    return dossiers.get(dossier.id());
  }

  public ContactView contact(SubscriberType type) {
    return contacts.create(
        new NewContact(
            "Prénom",
            TestData.unique("Nom"),
            null,
            null,
            type,
            type == SubscriberType.ADVISOR ? io.passerelle.contact.AdvisorType.NOTARY : null,
            TestData.email("contact"),
            null,
            "DIRIGEANT",
            false,
            Language.fr),
        SYSTEM);
  }

  public LinkView link(long dossierId, long contactId, boolean holder, AccessLevel level) {
    return links.link(dossierId, contactId, new LinkTerms(null, level, holder), SYSTEM).link();
  }
}
