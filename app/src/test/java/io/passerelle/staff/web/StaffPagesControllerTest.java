package io.passerelle.staff.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff's sign-in page, the refused Microsoft sign-in's page and the home page in the web
 * slice: open or not, what each shows, the refusal's reason kept to the known ones (403). The
 * sign-in itself (form, Microsoft, throttle) is tested with the whole application ({@code
 * web.SecurityTest}, {@code microsoft.MicrosoftSignInTest}).
 */
@WebSliceTest
class StaffPagesControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;

  @Test
  @DisplayName("the sign-in page is open, without Microsoft when staff single sign-on is off")
  void signInPage() throws Exception {
    mvc.perform(get("/connexion"))
        .andExpect(status().isOk())
        .andExpect(view().name("connexion"))
        .andExpect(model().attribute("microsoftSignIn", false))
        .andExpect(content().string(not(containsString("id=\"microsoft-sign-in\""))));
  }

  @Test
  @DisplayName("a refused Microsoft sign-in: open, 403, its known reason in French")
  void microsoftRefused() throws Exception {
    mvc.perform(get("/connexion/microsoft-refusee").param("motif", "invite"))
        .andExpect(status().isForbidden())
        .andExpect(view().name("connexion-microsoft-refusee"))
        .andExpect(model().attribute("reason", "invite"))
        .andExpect(
            content()
                .string(
                    containsString("Ce compte Microsoft est invité dans le tenant du cabinet")));
  }

  @Test
  @DisplayName("an unknown or missing reason is the generic one, 'echec'")
  void unknownReason() throws Exception {
    mvc.perform(get("/connexion/microsoft-refusee").param("motif", "<script>"))
        .andExpect(status().isForbidden())
        .andExpect(model().attribute("reason", "echec"));
    mvc.perform(get("/connexion/microsoft-refusee"))
        .andExpect(status().isForbidden())
        .andExpect(model().attribute("reason", "echec"))
        .andExpect(content().string(containsString("La connexion avec Microsoft n’a pas abouti")));
  }

  @Test
  @DisplayName("the home page: the sign-in page when signed out; the member's name and role")
  void home() throws Exception {
    mvc.perform(get("/")).andExpect(WebSlices.signInPage());

    mvc.perform(get("/").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(view().name("accueil"))
        .andExpect(content().string(containsString("Bonjour <span>Claire</span>")))
        .andExpect(content().string(containsString("<code>claire.martin</code>")));
  }
}
