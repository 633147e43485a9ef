package io.passerelle.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.NewDossier;
import io.passerelle.notification.NotificationService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The staff pages through MockMvc: every page renders for a signed-in member (and only for one),
 * refusals are French pages with the right status, user data is text (markup in a name shows as
 * markup, never runs), empty and long data read well, and the actions do what the services allow.
 */
@PasserelleSpringTest
class StaffPagesTest {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired NotificationService notifications;

  Fixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/portefeuille",
        "/interlocuteurs",
        "/activations-en-attente",
        "/activite",
        "/notifications",
        "/tableau-de-bord",
        "/taches"
      })
  @DisplayName("every page renders in French for a signed-in member, with the navigation")
  void pagesRender(String path) throws Exception {
    mvc.perform(get(path).with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("lang=\"fr\"")))
        .andExpect(content().string(containsString("Navigation principale")))
        .andExpect(content().string(containsString("Claire Martin")))
        .andExpect(content().string(containsString("href=\"#contenu\"")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/portefeuille", "/interlocuteurs", "/taches", "/notifications"})
  @DisplayName("nobody signed in is sent to the sign-in page")
  void signInFirst(String path) throws Exception {
    mvc.perform(get(path)).andExpect(redirectedUrlPattern("**/connexion"));
  }

  @Test
  @DisplayName("markup in names is shown as text on every page that shows them, never as markup")
  void hostileNamesAreText() throws Exception {
    String hostile = "<script>alert('x')</script><b>Gras</b>";
    DossierView dossier = dossier(hostile + TestData.unique(" "), Api.MANAGER);
    var contact =
        contacts.create(
            new NewContact(
                "<img src=x onerror=alert(1)>",
                "<i>Nom</i>" + TestData.unique(""),
                "<b>Société</b>",
                null,
                SubscriberType.CLIENT,
                null,
                TestData.email("hostile"),
                null,
                "DIRIGEANT",
                false,
                Language.fr),
            Fixtures.SYSTEM);
    links.link(
        dossier.id(),
        contact.id(),
        new LinkTerms("<u>scope</u>", AccessLevel.READ_ONLY, false),
        Fixtures.SYSTEM);

    for (String path :
        List.of(
            "/portefeuille?q=" + java.net.URLEncoder.encode("<script>", "UTF-8"),
            "/dossiers/" + dossier.id(),
            "/interlocuteurs?q=hostile",
            "/interlocuteurs/" + contact.id(),
            "/activite?dossier=" + dossier.id())) {
      mvc.perform(get(path).with(as(Api.MANAGER)))
          .andExpect(status().isOk())
          .andExpect(content().string(not(containsString("<script>alert"))))
          .andExpect(content().string(not(containsString("<img src=x"))))
          .andExpect(content().string(not(containsString("<b>Gras"))))
          .andExpect(content().string(not(containsString("<i>Nom"))));
    }
    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.MANAGER)))
        .andExpect(
            content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")))
        .andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
        .andExpect(content().string(containsString("Limité à : &lt;u&gt;scope&lt;/u&gt;")));
  }

  @Test
  @DisplayName("a long company name and an empty search read well")
  void longAndEmpty() throws Exception {
    String longName = "Société " + "très ".repeat(37) + TestData.unique("longue ");
    longName = longName.substring(0, Math.min(200, longName.length()));
    DossierView dossier = dossier(longName, Api.MANAGER);
    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(longName)))
        .andExpect(content().string(containsString("Aucun interlocuteur n'a accès à ce dossier.")));
    mvc.perform(
            get("/portefeuille")
                .param("q", "aucun-dossier-ne-porte-ce-nom-" + TestData.unique(""))
                .with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Aucun dossier ne correspond à ces critères.")));
    mvc.perform(
            get("/interlocuteurs")
                .param("q", "personne-" + TestData.unique(""))
                .with(as(Api.MANAGER)))
        .andExpect(
            content().string(containsString("Aucun interlocuteur ne correspond à ces critères.")));
  }

  @Test
  @DisplayName(
      "the portfolio shows the offer tile, manager, assigned staff and contacts by account status; filters narrow it")
  void portfolio() throws Exception {
    String marker = TestData.unique("Portefeuille ");
    DossierView withStart = dossier(marker + " A", Api.MANAGER);
    dossiers.activateOffer(withStart.id(), "START", Fixtures.SYSTEM);
    DossierView without = dossier(marker + " B", Api.OTHER_MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(withStart.id(), contact.id(), true, AccessLevel.READ_WRITE);

    // the administrator sees both (claire sees only hers: AssignmentScopeAttackTest)
    String page =
        mvc.perform(get("/portefeuille").param("q", marker).with(as(Api.ADMIN)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains(marker + " A", marker + " B", "Claire Martin", "Sophie Durand", "Hugo Bernard");
    assertThat(page).contains("class=\"tile active\"").contains("1 non invité(s)");

    mvc.perform(get("/portefeuille").param("q", marker).param("offre", "START").with(as(Api.ADMIN)))
        .andExpect(content().string(containsString(marker + " A")))
        .andExpect(content().string(not(containsString(marker + " B"))));
    mvc.perform(
            get("/portefeuille")
                .param("q", marker)
                .param("responsable", String.valueOf(fixtures.staffId(Api.OTHER_MANAGER)))
                .with(as(Api.ADMIN)))
        .andExpect(content().string(not(containsString(marker + " A"))))
        .andExpect(content().string(containsString(marker + " B")));
    mvc.perform(
            get("/portefeuille")
                .param("q", marker)
                .param("statut", "NOT_INVITED")
                .with(as(Api.ADMIN)))
        .andExpect(content().string(containsString(marker + " A")))
        .andExpect(content().string(not(containsString(marker + " B"))));
    mvc.perform(
            get("/portefeuille")
                .param("q", marker)
                .param("mes", "true")
                .with(as(Api.OTHER_MANAGER)))
        .andExpect(content().string(not(containsString(marker + " A"))))
        .andExpect(content().string(containsString(marker + " B")));
    assertThat(without.id()).isNotEqualTo(withStart.id());
  }

  @Test
  @DisplayName(
      "the dossier page activates an offer and initialises its widget (seed 001, steps 1 and 4)")
  void offerAndWidget() throws Exception {
    DossierView dossier = dossier(TestData.unique("Offre "), Api.MANAGER);
    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Activer l&#39;offre Start")));

    mvc.perform(
            post("/dossiers/" + dossier.id() + "/offres/START/activer")
                .with(csrf())
                .with(as(Api.STAFF)))
        .andExpect(redirectedUrl("/dossiers/" + dossier.id()))
        .andExpect(flash().attribute("success", "L'offre est active sur le dossier."));
    mvc.perform(
            post("/dossiers/" + dossier.id() + "/offres/START/widget")
                .param("enabled", "true")
                .with(csrf())
                .with(as(Api.STAFF)))
        .andExpect(redirectedUrl("/dossiers/" + dossier.id()));

    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.MANAGER)))
        .andExpect(
            content().string(containsString("Récapitulatif de l&#39;offre Start : Widget activé")))
        .andExpect(content().string(containsString("Désactiver le widget")));
    assertThat(dossiers.offers(dossier.id()).getFirst().widgetState().name()).isEqualTo("ENABLED");
  }

  @Test
  @DisplayName(
      "a staff member who is not the dossier's manager cannot change external access: a French 403 page")
  void onlyTheManagerChangesExternalAccess() throws Exception {
    DossierView dossier = dossier(TestData.unique("Accès "), Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.ADVISOR);
    var link = fixtures.link(dossier.id(), contact.id(), false, AccessLevel.READ_ONLY);
    String action = "/dossiers/" + dossier.id() + "/acces/" + link.id() + "/ged";

    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.STAFF)))
        .andExpect(content().string(not(containsString("Révoquer la GED"))));
    for (String other : List.of(Api.STAFF, Api.OTHER_MANAGER)) {
      mvc.perform(post(action).param("access", "false").with(csrf()).with(as(other)))
          .andExpect(status().isForbidden())
          .andExpect(content().string(containsString("Accès refusé")))
          .andExpect(content().string(containsString("Seul le responsable du dossier")));
    }
    assertThat(links.get(dossier.id(), link.id()).gedAccess()).isTrue();

    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Révoquer la GED")));
    mvc.perform(post(action).param("access", "false").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(redirectedUrl("/dossiers/" + dossier.id()))
        .andExpect(flash().attribute("success", "L'accès à la GED est révoqué."));
    assertThat(links.get(dossier.id(), link.id()).gedAccess()).isFalse();
    // a second click changes nothing more
    mvc.perform(post(action).param("access", "false").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(redirectedUrl("/dossiers/" + dossier.id()));
    assertThat(links.get(dossier.id(), link.id()).gedAccess()).isFalse();
  }

  @Test
  @DisplayName(
      "proposing a collaborative service: only the dossier's manager (403 for the others); the same"
          + " form posted twice proposes once; a bad address is said on the page")
  void propose() throws Exception {
    DossierView dossier = dossier(TestData.unique("Proposer "), Api.MANAGER);
    String email = TestData.email("propose");
    String requestId = java.util.UUID.randomUUID().toString();
    var form =
        post("/dossiers/" + dossier.id() + "/proposer")
            .param("who", "nouveau")
            .param("firstName", "Paula")
            .param("lastName", "Proposée")
            .param("email", email)
            .param("subscriberType", "CLIENT")
            .param("roleCode", "DIRIGEANT")
            .param("language", "fr")
            .param("accessLevel", "READ_ONLY")
            .param("offerCode", "START")
            .param("sendNow", "false")
            .param("requestId", requestId)
            .with(csrf());

    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.STAFF)))
        .andExpect(content().string(not(containsString("Proposer un service collaboratif"))));
    for (String other : List.of(Api.STAFF, Api.OTHER_MANAGER)) {
      mvc.perform(form.with(as(other)))
          .andExpect(status().isForbidden())
          .andExpect(content().string(containsString("Seul le responsable du dossier")));
    }
    var session = new org.springframework.mock.web.MockHttpSession();
    String first =
        mvc.perform(form.session(session).with(as(Api.MANAGER)))
            .andExpect(redirectedUrlPattern("/integrations/*"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    String second =
        mvc.perform(form.session(session).with(as(Api.MANAGER)))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(second).isEqualTo(first);
    mvc.perform(get(first).with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Envoyer l'invitation maintenant")));
    mvc.perform(get("/dossiers/" + dossier.id()).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Invitation gardée pour plus tard")));

    mvc.perform(
            post("/dossiers/" + dossier.id() + "/proposer")
                .param("who", "nouveau")
                .param("lastName", "Sans adresse")
                .param("email", "pas une adresse")
                .param("subscriberType", "CLIENT")
                .param("roleCode", "DIRIGEANT")
                .param("offerCode", "START")
                .param("requestId", java.util.UUID.randomUUID().toString())
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(redirectedUrl("/dossiers/" + dossier.id() + "#proposer"))
        .andExpect(flash().attributeExists("failure", "proposal"));
  }

  @Test
  @DisplayName("a form without its CSRF token is refused")
  void csrfRequired() throws Exception {
    DossierView dossier = dossier(TestData.unique("Csrf "), Api.MANAGER);
    mvc.perform(post("/dossiers/" + dossier.id() + "/offres/START/activer").with(as(Api.MANAGER)))
        .andExpect(status().isForbidden());
  }

  @Test
  @DisplayName("an unknown dossier is a French 404 page, a malformed id a 400 page")
  void notFound() throws Exception {
    mvc.perform(get("/dossiers/987654321").with(as(Api.MANAGER)))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("Ce dossier n&#39;existe pas.")));
    mvc.perform(get("/dossiers/abc").with(as(Api.MANAGER))).andExpect(status().isBadRequest());
  }

  @Test
  @DisplayName(
      "the contacts list shows seed 000's columns; the contact page corrects the e-mail and revokes the GED")
  void contacts() throws Exception {
    DossierView dossier = dossier(TestData.unique("Contacts "), Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    var link = fixtures.link(dossier.id(), contact.id(), false, AccessLevel.READ_ONLY);
    contacts.markEmailInvalid(contact.id(), Fixtures.SYSTEM);

    mvc.perform(get("/interlocuteurs").param("q", contact.lastName()).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString(contact.lastName())))
        .andExpect(content().string(containsString(contact.email())))
        .andExpect(content().string(containsString("Adresse invalide")))
        .andExpect(content().string(containsString("Non activé")))
        .andExpect(content().string(containsString(">Accès<")));
    mvc.perform(
            get("/interlocuteurs")
                .param("q", contact.lastName())
                .param("type", "ADVISOR")
                .with(as(Api.MANAGER)))
        .andExpect(content().string(not(containsString(contact.email()))));
    mvc.perform(get("/interlocuteurs").param("type", "PIRATE").with(as(Api.MANAGER)))
        .andExpect(status().isBadRequest());

    String newEmail = TestData.email("corrige");
    mvc.perform(
            post("/interlocuteurs/" + contact.id() + "/email")
                .param("email", newEmail)
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(redirectedUrl("/interlocuteurs/" + contact.id()))
        .andExpect(flash().attribute("success", "L'adresse e-mail est corrigée."));
    assertThat(contacts.get(contact.id()).email()).isEqualTo(newEmail);
    mvc.perform(
            post("/interlocuteurs/" + contact.id() + "/email")
                .param("email", "pas-une-adresse")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(flash().attributeExists("failure"));
    assertThat(contacts.get(contact.id()).email()).isEqualTo(newEmail);

    mvc.perform(
            post("/interlocuteurs/"
                    + contact.id()
                    + "/acces/"
                    + dossier.id()
                    + "/"
                    + link.id()
                    + "/ged")
                .param("access", "false")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(flash().attribute("success", "L'accès à la GED est révoqué."));
    mvc.perform(get("/interlocuteurs").param("q", newEmail).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Pas d&#39;accès")));
  }

  @Test
  @DisplayName(
      "the inbox lists the member's notifications; marking one read (htmx) updates the row and the count")
  void notifications() throws Exception {
    DossierView dossier = dossier(TestData.unique("Notif "), Api.OTHER_MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    notifications.notifyAssignedStaff(
        dossier.id(), "CLIENT_ACTIVATED", contact.id(), Map.of(), TestData.unique("page-test-"));
    long sophie = fixtures.staffId(Api.OTHER_MANAGER);
    long unread = notifications.unreadCount(sophie);
    var id =
        notifications
            .inbox(sophie, true, org.springframework.data.domain.PageRequest.of(0, 1))
            .getContent()
            .getFirst()
            .id();

    mvc.perform(get("/notifications").with(as(Api.OTHER_MANAGER)))
        .andExpect(content().string(containsString("Un client a activé son compte")))
        .andExpect(content().string(containsString(dossier.companyName())))
        .andExpect(content().string(containsString("id=\"unread-count\">" + unread + "<")));
    mvc.perform(
            post("/notifications/" + id + "/lue")
                .header("HX-Request", "true")
                .with(csrf())
                .with(as(Api.OTHER_MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"notification-" + id + "\"")))
        .andExpect(content().string(containsString(">Lue<")))
        .andExpect(content().string(containsString("hx-swap-oob=\"true\"")))
        .andExpect(content().string(not(containsString("<html"))));
    assertThat(notifications.unreadCount(sophie)).isEqualTo(unread - 1);
    // someone else's notification is not theirs to read
    mvc.perform(post("/notifications/" + id + "/lue").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(status().isNotFound());
  }

  @Test
  @DisplayName("the activity feed filters by dossier and type, and names who did what")
  void activity() throws Exception {
    DossierView dossier = dossier(TestData.unique("Fil "), Api.MANAGER);
    dossiers.activateOffer(dossier.id(), "START", fixtures.actor(Api.STAFF));
    mvc.perform(
            get("/activite").param("dossier", String.valueOf(dossier.id())).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Dossier créé")))
        .andExpect(content().string(containsString("Offre activée")))
        .andExpect(content().string(containsString("Hugo Bernard")))
        .andExpect(content().string(containsString(dossier.companyName())));
    mvc.perform(
            get("/activite")
                .param("dossier", String.valueOf(dossier.id()))
                .param("type", "OFFER_ACTIVATED")
                .with(as(Api.MANAGER)))
        .andExpect(content().string(not(containsString("data-type=\"DOSSIER_CREATED\""))))
        .andExpect(content().string(containsString("data-type=\"OFFER_ACTIVATED\"")));
    mvc.perform(
            get("/activite")
                .param("dossier", String.valueOf(dossier.id()))
                .param("au", LocalDate.now().minusDays(3).toString())
                .with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Rien dans le fil d'activité")));
  }

  @Test
  @DisplayName("the dashboard draws its charts as SVG with the figures as text")
  void dashboard() throws Exception {
    mvc.perform(get("/tableau-de-bord").param("bloquees", "7").with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<svg")))
        .andExpect(content().string(containsString("Proposés")))
        .andExpect(content().string(containsString("Délai médian d'activation")))
        .andExpect(content().string(containsString("bloquées depuis plus de 7 jours")));
  }

  private DossierView dossier(String name, String manager) {
    return dossiers.create(
        new NewDossier(
            name,
            TestData.siret(),
            "SAS",
            null,
            null,
            null,
            "Lyon",
            null,
            null,
            LocalDate.of(2026, 1, 1),
            null,
            fixtures.staffId(manager),
            List.of(fixtures.staffId(Api.STAFF))),
        Fixtures.SYSTEM);
  }
}
