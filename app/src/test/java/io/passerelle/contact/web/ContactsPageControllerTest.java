package io.passerelle.contact.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.account.AccountStatus;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The contacts' pages in the web slice, their read model and services mocked: the sign-in, the
 * list's filters handed to the read model, a contact's page, the e-mail correction, the GED toggle
 * and the Microsoft identity forgotten (its confirmation box, the contact's scope checked first),
 * CSRF, the services' refusals as a flash or the readable error page. The read model's SQL and who
 * may change a contact are tested with the whole application ({@code web.pages.StaffPagesTest},
 * {@code ContactApiTest}).
 */
@WebSliceTest
class ContactsPageControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired ContactsQuery query;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired ScopedResources scoped;

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/interlocuteurs")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(query, contacts);
  }

  @Test
  @DisplayName("the list: its filters handed to the read model, its rows shown")
  void list() throws Exception {
    when(query.find(any(), any())).thenReturn(new PageImpl<>(List.of(row())));

    String page =
        mvc.perform(
                get("/interlocuteurs")
                    .param("q", "dupont")
                    .param("type", "CLIENT")
                    .param("acces", "PENDING")
                    .param("invalide", "true")
                    .param("page", "1")
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/interlocuteurs"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page).contains("data-contact=\"73\"", "Jean Dupont", "interlocuteur(s)");
    verify(query)
        .find(
            new ContactsQuery.Filter("dupont", "CLIENT", AccountStatus.PENDING, true, false),
            PageRequest.of(1, 25));
  }

  @Test
  @DisplayName("an unknown subscriber type in the address: a 400, the read model not asked")
  void unknownType() throws Exception {
    mvc.perform(get("/interlocuteurs").param("type", "AMI").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isBadRequest());
    verifyNoInteractions(query);
  }

  @Test
  @DisplayName(
      "a contact's page: the contact, their dossiers with access and GED, the e-mail form for who"
          + " may change it")
  void contactPage() throws Exception {
    when(contacts.get(73)).thenReturn(contact());
    when(contacts.mayChangeIdentity(73, CLAIRE)).thenReturn(true);
    when(query.linksOf(73))
        .thenReturn(
            List.of(
                new ContactsQuery.ContactLink(
                    5, 41, "Menuiserie Dupont", "READ_WRITE", "Paie", false, true, 9)));

    String page =
        mvc.perform(get("/interlocuteurs/73").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/interlocuteur"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Jean Dupont", "jean@dupont.test", "Menuiserie Dupont", "Paie")
        .contains("action=\"/interlocuteurs/73/email\"")
        .doesNotContain("id=\"email-not-allowed\"");
  }

  @Test
  @DisplayName("an unknown contact: the readable 404 page")
  void unknownContact() throws Exception {
    when(contacts.get(74))
        .thenThrow(DomainException.notFound(CommonErrors.CONTACT_NOT_FOUND, "No contact."));
    mvc.perform(get("/interlocuteurs/74").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isNotFound())
        .andExpect(view().name("error"));
  }

  @Test
  @DisplayName(
      "the e-mail corrected by the member signed in (CSRF first); refused: said in a flash")
  void emailCorrected() throws Exception {
    mvc.perform(
            post("/interlocuteurs/73/email")
                .param("email", "jean@new.test")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(contacts);

    mvc.perform(
            post("/interlocuteurs/73/email")
                .param("email", "jean@new.test")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/interlocuteurs/73"))
        .andExpect(flash().attribute("success", "L'adresse e-mail est corrigée."));
    verify(contacts).changeEmail(73, "jean@new.test", CLAIRE);

    doThrow(DomainException.conflict(CommonErrors.CONTACT_EMAIL_TAKEN, "email", "Taken."))
        .when(contacts)
        .changeEmail(anyLong(), any(), any());
    mvc.perform(
            post("/interlocuteurs/73/email")
                .param("email", "pris@new.test")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/interlocuteurs/73"))
        .andExpect(flash().attributeExists("failure"));
  }

  @Test
  @DisplayName("the GED revoked or restored on that dossier's access, as asked")
  void ged() throws Exception {
    mvc.perform(
            post("/interlocuteurs/73/acces/41/5/ged")
                .param("access", "false")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/interlocuteurs/73"))
        .andExpect(flash().attribute("success", "L'accès à la GED est révoqué."));
    verify(links).revokeGed(41, 5, CLAIRE);

    mvc.perform(
            post("/interlocuteurs/73/acces/41/5/ged")
                .param("access", "true")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(flash().attribute("success", "L'accès à la GED est rétabli."));
    verify(links).restoreGed(41, 5, CLAIRE);
  }

  @Test
  @DisplayName(
      "the Microsoft identity: without the box ticked nothing is forgotten; ticked, it is, by the"
          + " member signed in")
  void microsoftIdentity() throws Exception {
    mvc.perform(
            post("/interlocuteurs/73/identite-microsoft/oublier")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/interlocuteurs/73"))
        .andExpect(flash().attributeExists("failure"));
    verifyNoInteractions(contacts);
    verify(scoped).requireVisible(ScopedResources.Kind.CONTACT, 73);

    mvc.perform(
            post("/interlocuteurs/73/identite-microsoft/oublier")
                .param("confirmation", "oui")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/interlocuteurs/73"))
        .andExpect(flash().attributeExists("success"));
    verify(contacts).forgetMicrosoftIdentity(73, CLAIRE);
  }

  @Test
  @DisplayName("the identity not theirs to change: the readable 403 page")
  void microsoftIdentityRefused() throws Exception {
    when(contacts.forgetMicrosoftIdentity(73, CLAIRE))
        .thenThrow(
            DomainException.forbidden(ContactErrors.CONTACT_IDENTITY_MANAGER_ONLY, "Not yours."));
    mvc.perform(
            post("/interlocuteurs/73/identite-microsoft/oublier")
                .param("confirmation", "oui")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(
            WebSlices.errorPage(
                403,
                "CONTACT_IDENTITY_MANAGER_ONLY",
                "Seuls le responsable de chacun des dossiers de cet interlocuteur et"
                    + " l'administrateur du cabinet peuvent changer son adresse e-mail"));
  }

  static ContactsQuery.ContactRow row() {
    return new ContactsQuery.ContactRow(
        73,
        "Jean",
        "Dupont",
        null,
        "CLIENT",
        "jean@dupont.test",
        true,
        "ACTIVE",
        AccountStatus.PENDING,
        null,
        ContactsQuery.GedStatus.ACCESS,
        1,
        null,
        null,
        null);
  }

  static ContactView contact() {
    return new ContactView(
        73,
        "Jean",
        "Dupont",
        null,
        null,
        SubscriberType.CLIENT,
        null,
        "jean@dupont.test",
        false,
        null,
        new ContactView.Role("DIRIGEANT", "Dirigeant"),
        false,
        Language.values()[0],
        ContactStatus.ACTIVE,
        new ContactView.Account(
            null, AccountStatus.NOT_INVITED, AccountStatus.Colour.GREY, "Non invité"),
        Instant.parse("2026-11-30T10:00:00Z"));
  }
}
