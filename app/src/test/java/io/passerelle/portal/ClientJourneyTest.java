package io.passerelle.portal;

import static io.passerelle.portal.ClientFixtures.PASSWORD;
import static io.passerelle.portal.ClientFixtures.activate;
import static io.passerelle.portal.ClientFixtures.freshIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.WidgetState;
import io.passerelle.mail.DevMailServer;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.Mailbox;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole way, as it happens: the firm proposes the offer through the API, the journey mails the
 * invitation, the client follows the mail's link to the activation page, chooses a password, lands
 * in their space; the journey hears of it, enables the widget, and the space shows it.
 */
@PasserelleSpringTest
class ClientJourneyTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired io.passerelle.contact.ContactService contacts;
  @Autowired io.passerelle.contact.DossierLinkService links;
  @Autowired OnboardingService onboardings;
  @Autowired DevMailServer mailServer;

  @Test
  @DisplayName("invitation mail → its link → password → the space; the widget follows")
  void fromTheMailToTheWidget() throws Exception {
    var fixtures = new Fixtures(staff, dossiers, contacts, links);
    var dossier = fixtures.dossier(Api.MANAGER);
    String email = TestData.email("cliente");
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", "Inès");
    contact.put("lastName", "Moreau");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", "DIRIGEANT");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossier.id());
    body.put("contact", contact);
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_WRITE");
    body.put("holder", true);
    body.put("sendNow", true);
    var claire = Api.as(mvc, json, Api.MANAGER);
    long id =
        claire
            .read(claire.post("/api/onboardings", body).andExpect(status().isAccepted()))
            .get("id")
            .asLong();

    MimeMessage invitation = new Mailbox(mailServer).await(email, 1).getFirst();
    String token = Mailbox.activationToken(invitation);
    assertThat(Mailbox.text(invitation)).contains("http://localhost:8080/activation/" + token);

    String page =
        mvc.perform(get("/activation/" + token).with(freshIp()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page)
        .contains("Bonjour Inès Moreau,")
        .contains("sur le dossier " + dossier.companyName())
        .contains("Invitation envoyée par Claire Martin.");

    var result =
        mvc.perform(activate(token, PASSWORD, PASSWORD).with(freshIp()))
            .andExpect(redirectedUrl("/espace?bienvenue"))
            .andReturn();
    var session = (MockHttpSession) result.getRequest().getSession(false);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> onboardings.get(id).status() == OnboardingStatus.ONBOARDED);
    assertThat(
            dossiers.offers(dossier.id()).stream()
                .filter(o -> o.offerCode().equals("START"))
                .findFirst()
                .orElseThrow()
                .widgetState())
        .isEqualTo(WidgetState.ENABLED);

    String space =
        mvc.perform(get("/espace").session(session).with(freshIp()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(space)
        .contains("Bonjour Inès Moreau")
        .contains("id=\"widget-START\"")
        .contains("Service actif")
        .contains("id=\"invite-form\"");
  }
}
