package io.passerelle.dossiersetup.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.ContactView;
import io.passerelle.delegation.AdvisorRegistration;
import io.passerelle.delegation.DelegatedInvitationService;
import io.passerelle.delegation.NewAdvisor;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossiersetup.DossierSetupErrors;
import io.passerelle.dossiersetup.DossierSetupProperties.Kind;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupProperties.SettingField;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.PartnerApplicationChoice;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FormOnce;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The dossier page's set-up actions in the web slice, the set-up and delegation services mocked:
 * the sign-in and CSRF, the document tree, a partner application's form (its settings read from
 * {@code setting.<key>}), "Ajouter un conseiller" (double-submit protection), what reaches the
 * services by whom, their refusals sent back to the dossier's page as flash errors named by the
 * page's field, or the readable error page. The rules themselves are tested with the whole
 * application ({@code DossierSetupApiTest}, {@code DossierCreationPagesTest}).
 */
@WebSliceTest
class DossierSetupPagesControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierSetupService setup;
  @Autowired DelegatedInvitationService delegation;
  @Autowired FormOnce formOnce;

  @BeforeEach
  void catalogue() {
    when(setup.partnerApplications())
        .thenReturn(
            List.of(
                new PartnerApplication(
                    "PAIE",
                    "Logiciel de paie",
                    null,
                    Kind.AUTOMATION,
                    null,
                    List.of(
                        new SettingField(
                            "payrollCompanyCode", "Code société", true, null, null)))));
  }

  @Test
  @DisplayName("signed out: the sign-in page; without its CSRF token: 403; nothing changed")
  void signInAndCsrf() throws Exception {
    mvc.perform(post("/dossiers/41/arborescence").param("code", "TPE").with(csrf()))
        .andExpect(WebSlices.signInPage());
    mvc.perform(
            post("/dossiers/41/arborescence")
                .param("code", "TPE")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(setup, delegation);
  }

  @Test
  @DisplayName("the tree chosen for the dossier by the member signed in, back to its set-up")
  void documentTree() throws Exception {
    mvc.perform(tree("TPE"))
        .andExpect(redirectedUrl("/dossiers/41#parametrage"))
        .andExpect(flash().attribute("success", "L'arborescence du dossier est choisie."));
    verify(setup).chooseDocumentTree(41, "TPE", CLAIRE);
  }

  @Test
  @DisplayName("an unknown tree: said in a flash; a member not the manager: the 403 page")
  void documentTreeRefused() throws Exception {
    when(setup.chooseDocumentTree(41, "XYZ", CLAIRE))
        .thenThrow(
            DomainException.invalid(DossierSetupErrors.DOCUMENT_TREE_UNKNOWN, "code", "Unknown."));
    mvc.perform(tree("XYZ"))
        .andExpect(redirectedUrl("/dossiers/41#parametrage"))
        .andExpect(flash().attributeExists("failure"));

    when(setup.chooseDocumentTree(41, "TPE", CLAIRE))
        .thenThrow(DomainException.forbidden(DossierErrors.DOSSIER_MANAGER_ONLY, "Not yours."));
    mvc.perform(tree("TPE"))
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_MANAGER_ONLY",
                "Seul le responsable du dossier ou l'administrateur du cabinet peut faire cela."));
  }

  @Test
  @DisplayName(
      "a partner application: its settings read from setting.<key>, the blank ones left out; the"
          + " catalogue's name in the success")
  void partnerApplication() throws Exception {
    mvc.perform(application().param("accessAllowed", "true"))
        .andExpect(redirectedUrl("/dossiers/41#parametrage"))
        .andExpect(flash().attribute("success", "Logiciel de paie : accès autorisé."));
    verify(setup)
        .setPartnerApplication(
            41,
            new PartnerApplicationChoice("PAIE", true, false, Map.of("payrollCompanyCode", "B01")),
            CLAIRE);
  }

  @Test
  @DisplayName(
      "a setting refused: back to the application's form with what was sent and the error named by"
          + " the page's field")
  void partnerApplicationRefused() throws Exception {
    doThrow(
            new DomainException(
                DomainException.Kind.INVALID,
                DossierSetupErrors.PARTNER_APPLICATION_INVALID,
                "Bad code.",
                List.of(
                    new DomainException.FieldError(
                        "partnerApplications[0].settings.payrollCompanyCode",
                        DossierSetupErrors.PARTNER_APPLICATION_INVALID,
                        "Bad code."))))
        .when(setup)
        .setPartnerApplication(anyLong(), any(), any());

    var flash =
        mvc.perform(application().param("accessAllowed", "true"))
            .andExpect(redirectedUrl("/dossiers/41#application-PAIE"))
            .andReturn()
            .getFlashMap();

    assertThat(flash.get("applicationEdit"))
        .isEqualTo(
            new DossierSetupPagesController.ApplicationEdit(
                "PAIE", true, false, Map.of("payrollCompanyCode", "B01")));
    FormErrors errors = (FormErrors) flash.get("setupErrors");
    assertThat(errors.has("setup-PAIE-setting-payrollCompanyCode")).isTrue();
    assertThat(errors.entries().getFirst().label()).isEqualTo("Logiciel de paie — Code société");
  }

  @Test
  @DisplayName(
      "an advisor registered and invited once, by the member signed in: the dossier's contacts")
  void advisorRegistered() throws Exception {
    ContactView contact = mock(ContactView.class);
    when(contact.id()).thenReturn(73L);
    when(delegation.registerAdvisor(
            anyLong(), any(), any(), anyBoolean(), any(), any(), anyBoolean(), any()))
        .thenReturn(new AdvisorRegistration(contact, null, 88L));

    mvc.perform(advisor())
        .andExpect(redirectedUrl("/dossiers/41#linked-contacts"))
        .andExpect(flash().attribute("success", "Le conseiller est enregistré et invité."));
    verify(formOnce).run(eq("advisor"), eq("adv-1"), any());
    verify(delegation)
        .registerAdvisor(
            41,
            new NewAdvisor(
                "Marc",
                "Banquier",
                "Banque du Rhône",
                AdvisorType.BANKER,
                "marc@banque.test",
                null,
                null),
            AccessLevel.READ_ONLY,
            true,
            null,
            "Bonjour",
            true,
            CLAIRE);
  }

  @Test
  @DisplayName(
      "an advisor refused: back to the form with what was typed and the field named; an unknown"
          + " dossier: the 404 page")
  void advisorRefused() throws Exception {
    when(delegation.registerAdvisor(
            anyLong(), any(), any(), anyBoolean(), any(), any(), anyBoolean(), any()))
        .thenThrow(
            DomainException.conflict(
                CommonErrors.CONTACT_EMAIL_TAKEN, "email", "Someone has this address."));
    var flash =
        mvc.perform(advisor())
            .andExpect(redirectedUrl("/dossiers/41#ajouter-conseiller"))
            .andReturn()
            .getFlashMap();
    assertThat(((AdvisorForm) flash.get("advisor")).email()).isEqualTo("marc@banque.test");
    assertThat(((FormErrors) flash.get("advisorErrors")).has("advisor-email")).isTrue();

    doThrow(DomainException.notFound(CommonErrors.DOSSIER_UNKNOWN, "No dossier."))
        .when(delegation)
        .registerAdvisor(anyLong(), any(), any(), anyBoolean(), any(), any(), anyBoolean(), any());
    mvc.perform(advisor())
        .andExpect(WebSlices.errorPage(404, "DOSSIER_UNKNOWN", "Ce dossier n'existe pas."));
  }

  private MockHttpServletRequestBuilder tree(String code) {
    return post("/dossiers/41/arborescence")
        .param("code", code)
        .with(csrf())
        .with(WebSlices.onPages(staff, MANAGER));
  }

  private MockHttpServletRequestBuilder application() {
    return post("/dossiers/41/applications/PAIE")
        .param("setting.payrollCompanyCode", "B01")
        .param("setting.other", " ")
        .with(csrf())
        .with(WebSlices.onPages(staff, MANAGER));
  }

  private MockHttpServletRequestBuilder advisor() {
    return post("/dossiers/41/conseillers")
        .param("requestId", "adv-1")
        .param("firstName", "Marc")
        .param("lastName", "Banquier")
        .param("companyName", "Banque du Rhône")
        .param("advisorType", "BANKER")
        .param("email", "marc@banque.test")
        .param("accessLevel", "READ_ONLY")
        .param("invite", "true")
        .param("customMessage", "Bonjour")
        .with(csrf())
        .with(WebSlices.onPages(staff, MANAGER));
  }
}
