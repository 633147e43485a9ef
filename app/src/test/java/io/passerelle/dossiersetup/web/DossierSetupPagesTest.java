package io.passerelle.dossiersetup.web;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.onboarding.OnboardingFilter;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The dossier page's "Ajouter un conseiller" (seed 003: the dossier's manager only, with the
 * advisor's type) and its set-up (seed 004: the document tree, the partner applications with their
 * extra fields), shown to everyone, changed by the manager or the administrator.
 */
@PasserelleSpringTest
class DossierSetupPagesTest {

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired DossierSetupService setup;
  @Autowired OnboardingService onboardings;

  Fixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }

  /** The page after a redirect, with its flash attributes, as the browser sees it. */
  String follow(MvcResult redirect, String username) throws Exception {
    String url = redirect.getResponse().getRedirectedUrl();
    return mvc.perform(
            get(url.contains("#") ? url.substring(0, url.indexOf('#')) : url)
                .flashAttrs(redirect.getFlashMap())
                .with(as(username)))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  @DisplayName(
      "the advisor form is the dossier's manager's: others do not see it, and their post is a"
          + " French 403 that registers nobody")
  void advisorFormIsTheManagers() throws Exception {
    String path = "/dossiers/" + fixtures.dossier(Api.MANAGER).id();
    mvc.perform(get(path).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Ajouter un conseiller")))
        .andExpect(content().string(containsString("<label for=\"advisor-advisorType\">")));
    mvc.perform(get(path).with(as(Api.STAFF)))
        .andExpect(content().string(not(containsString("Ajouter un conseiller"))));

    String email = TestData.email("notaire");
    for (String other : List.of(Api.STAFF, Api.OTHER_MANAGER)) {
      mvc.perform(
              post(path + "/conseillers")
                  .param("lastName", "Notaire")
                  .param("advisorType", "NOTARY")
                  .param("email", email)
                  .with(csrf())
                  .with(as(other)))
          .andExpect(status().isForbidden())
          .andExpect(content().string(containsString("Seul le responsable du dossier")));
    }
    assertThat(contacts.byEmail(email)).isEmpty();
  }

  @Test
  @DisplayName(
      "an advisor without a type: back to the form, the field named, what was typed escaped;"
          + " nobody registered")
  void advisorWithoutType() throws Exception {
    String path = "/dossiers/" + fixtures.dossier(Api.MANAGER).id();
    String email = TestData.email("notaire");
    MvcResult missingType =
        mvc.perform(
                post(path + "/conseillers")
                    .param("lastName", "<i>Sans type</i>")
                    .param("email", email)
                    .param("requestId", UUID.randomUUID().toString())
                    .with(csrf())
                    .with(as(Api.MANAGER)))
            .andExpect(redirectedUrl(path + "#ajouter-conseiller"))
            .andReturn();
    String page = follow(missingType, Api.MANAGER);
    assertThat(page)
        .contains("href=\"#advisor-advisorType\"")
        .contains("Type de conseil : Précisez le type de conseil.")
        .contains("value=\"&lt;i&gt;Sans type&lt;/i&gt;\"")
        .doesNotContain("<i>Sans type");
    assertThat(contacts.byEmail(email)).isEmpty();
  }

  @Test
  @DisplayName(
      "the dossier's manager registers an advisor with their type and invites them: a double post"
          + " registers and invites once")
  void addAnAdvisor() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String path = "/dossiers/" + dossier.id();
    String email = TestData.email("notaire");
    MockHttpSession session = new MockHttpSession();
    var register =
        post(path + "/conseillers")
            .param("firstName", "Nora")
            .param("lastName", "Notaire")
            .param("companyName", "Étude Notaire")
            .param("advisorType", "NOTARY")
            .param("email", email)
            .param("accessLevel", "READ_WRITE")
            .param("invite", "true")
            .param("sendNow", "false")
            .param("requestId", UUID.randomUUID().toString())
            .session(session)
            .with(csrf())
            .with(as(Api.MANAGER));
    mvc.perform(register)
        .andExpect(redirectedUrl(path + "#linked-contacts"))
        .andExpect(flash().attribute("success", "Le conseiller est enregistré et invité."));
    mvc.perform(register).andExpect(redirectedUrl(path + "#linked-contacts"));
    var advisor = contacts.byEmail(email).orElseThrow();
    assertThat(advisor.subscriberType()).isEqualTo(SubscriberType.ADVISOR);
    assertThat(advisor.advisorType()).isEqualTo(AdvisorType.NOTARY);
    assertThat(
            onboardings
                .list(
                    new OnboardingFilter(dossier.id(), advisor.id(), null, null, null),
                    PageRequest.of(0, 5))
                .getTotalElements())
        .as("invited once")
        .isEqualTo(1);
    mvc.perform(get(path).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Nora Notaire")))
        .andExpect(content().string(containsString("Conseil")));
  }

  @Test
  @DisplayName(
      "the set-up is shown; the manager chooses the tree and allows a partner application with its"
          + " extra field (named when missing); other staff may not")
  void setUp() throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    String path = "/dossiers/" + dossier.id();
    mvc.perform(get(path).with(as(Api.STAFF)))
        .andExpect(content().string(containsString("Paramétrage du dossier")))
        .andExpect(content().string(containsString("Aucune arborescence choisie.")))
        .andExpect(content().string(containsString("Logiciel de paie")))
        .andExpect(content().string(not(containsString("Choisir cette arborescence"))));

    mvc.perform(post(path + "/arborescence").param("code", "TPE").with(csrf()).with(as(Api.STAFF)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("Seul le responsable du dossier")));
    mvc.perform(
            post(path + "/arborescence").param("code", "TPE").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(redirectedUrl(path + "#parametrage"))
        .andExpect(flash().attribute("success", "L'arborescence du dossier est choisie."));
    assertThat(setup.forDossier(dossier.id()).documentTree().code()).isEqualTo("TPE");

    mvc.perform(
            post(path + "/applications/PAIE")
                .param("accessAllowed", "true")
                .with(csrf())
                .with(as(Api.STAFF)))
        .andExpect(status().isForbidden());
    MvcResult missing =
        mvc.perform(
                post(path + "/applications/PAIE")
                    .param("accessAllowed", "true")
                    .param("setting.payrollEstablishment", "Lyon 2")
                    .with(csrf())
                    .with(as(Api.MANAGER)))
            .andExpect(redirectedUrl(path + "#application-PAIE"))
            .andReturn();
    String page = follow(missing, Api.MANAGER);
    assertThat(page)
        .contains("href=\"#setup-PAIE-setting-payrollCompanyCode\"")
        .contains("Logiciel de paie — Code société dans le logiciel de paie")
        .contains("value=\"Lyon 2\"")
        .contains("id=\"application-PAIE\" class=\"card application\" open=\"open\"");
    mvc.perform(
            post(path + "/applications/PAIE")
                .param("accessAllowed", "true")
                .param("setting.payrollCompanyCode", "BOUL01")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(redirectedUrl(path + "#parametrage"))
        .andExpect(flash().attribute("success", "Logiciel de paie : accès autorisé."));
    mvc.perform(get(path).with(as(Api.STAFF)))
        .andExpect(content().string(containsString("Arborescence simplifiée (TPE)")))
        .andExpect(
            content().string(containsString("Code société dans le logiciel de paie : BOUL01")));
    var paie =
        setup.forDossier(dossier.id()).partnerApplications().stream()
            .filter(a -> a.code().equals("PAIE"))
            .findFirst()
            .orElseThrow();
    assertThat(paie.accessAllowed()).isTrue();
    assertThat(paie.settings()).containsEntry("payrollCompanyCode", "BOUL01");
  }
}
