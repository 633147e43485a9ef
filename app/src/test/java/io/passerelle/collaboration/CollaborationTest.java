package io.passerelle.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Collaborative services: proposed, invited, active; ended with the access. */
@PasserelleSpringTest
class CollaborationTest {

  private static final AtomicLong ONBOARDING =
      new AtomicLong(System.nanoTime() % 1_000_000_000 + 1_000_000_000L);

  @Autowired CollaborationService services;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  Fixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  @Test
  @DisplayName(
      "the journey proposes by onboarding id: the second call returns the same service and account")
  void proposeIsIdempotentByOnboarding() {
    var dossier = fixtures.dossier(Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), contact.id(), true, AccessLevel.READ_WRITE);
    long onboarding = ONBOARDING.incrementAndGet();
    var command =
        new ProposeService(
            onboarding, dossier.id(), contact.id(), "START", fixtures.staffId(Api.MANAGER));
    var first = services.propose(command, Fixtures.SYSTEM);
    var again = services.propose(command, Fixtures.SYSTEM);
    assertThat(first.created()).isTrue();
    assertThat(first.accountActive()).isFalse();
    assertThat(again.created()).isFalse();
    assertThat(again.service().id()).isEqualTo(first.service().id());
    assertThat(again.accountId()).isEqualTo(first.accountId());
    assertThat(first.service().status()).isEqualTo(ServiceStatus.PROPOSED);
    assertThat(first.service().onboardingId()).isEqualTo(onboarding);

    assertThat(services.markInvited(first.service().id(), Fixtures.SYSTEM).status())
        .isEqualTo(ServiceStatus.INVITED);
    assertThat(services.activate(first.service().id(), Fixtures.SYSTEM).status())
        .isEqualTo(ServiceStatus.ACTIVE);
    assertThat(services.activate(first.service().id(), Fixtures.SYSTEM).status())
        .isEqualTo(ServiceStatus.ACTIVE);
    assertThat(
            services
                .attachProcessInstance(first.service().id(), 2251799813685249L)
                .processInstanceKey())
        .isEqualTo(2251799813685249L);
  }

  @Test
  @DisplayName("proposing needs the offer active on the dossier and the contact linked to it")
  void preconditions() throws Exception {
    var dossier = fixtures.dossier(Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    var api = Api.as(mvc, json, Api.MANAGER);
    api.post(
            "/api/collaborative-services",
            Map.of("dossierId", dossier.id(), "contactId", contact.id(), "offerCode", "START"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("CONTACT_NOT_LINKED"));
    fixtures.link(dossier.id(), contact.id(), false, AccessLevel.READ_ONLY);
    api.post(
            "/api/collaborative-services",
            Map.of("dossierId", dossier.id(), "contactId", contact.id(), "offerCode", "GOLD"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("OFFER_UNKNOWN"));
    Api.as(mvc, json, Api.OTHER_MANAGER)
        .post(
            "/api/collaborative-services",
            Map.of("dossierId", dossier.id(), "contactId", contact.id(), "offerCode", "START"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("EXTERNAL_ACCESS_MANAGER_ONLY"));
    api.post(
            "/api/collaborative-services",
            Map.of("dossierId", dossier.id(), "contactId", contact.id(), "offerCode", "START"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.service.status").value("PROPOSED"))
        .andExpect(jsonPath("$.accountActive").value(false));
    api.post(
            "/api/collaborative-services",
            Map.of("dossierId", dossier.id(), "contactId", contact.id(), "offerCode", "START"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").value(false));
    api.get("/api/collaborative-services?dossierId=" + dossier.id())
        .andExpect(jsonPath("$.page.totalElements").value(1));
  }

  @Test
  @DisplayName(
      "proposing again returns the live service, proposed, invited or active; an ended one is"
          + " proposed anew")
  void proposeReturnsTheLiveService() {
    var dossier = fixtures.dossier(Api.MANAGER);
    var contact = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), contact.id(), true, AccessLevel.READ_WRITE);
    var manager = fixtures.actor(Api.MANAGER);
    var command = new ProposeService(null, dossier.id(), contact.id(), "START", null);
    long first = services.propose(command, manager).service().id();
    assertThat(services.propose(command, manager).service().id()).isEqualTo(first);
    services.markInvited(first, Fixtures.SYSTEM);
    assertThat(services.propose(command, manager).service().id()).isEqualTo(first);
    services.activate(first, Fixtures.SYSTEM);
    var again = services.propose(command, manager);
    assertThat(again.created()).isFalse();
    assertThat(again.service().id()).isEqualTo(first);

    var other = fixtures.contact(SubscriberType.CLIENT);
    fixtures.link(dossier.id(), other.id(), true, AccessLevel.READ_WRITE);
    var forOther = new ProposeService(null, dossier.id(), other.id(), "START", null);
    long cancelled = services.propose(forOther, manager).service().id();
    services.cancel(cancelled, manager);
    var anew = services.propose(forOther, manager);
    assertThat(anew.created()).isTrue();
    assertThat(anew.service().id()).isNotEqualTo(cancelled);
  }

  @Test
  @DisplayName(
      "withdrawing the access revokes the active service; cancelling an active one is refused")
  void withdrawalRevokes() {
    var dossier = fixtures.dossier(Api.MANAGER);
    var advisor = fixtures.contact(SubscriberType.ADVISOR);
    var link = fixtures.link(dossier.id(), advisor.id(), false, AccessLevel.READ_ONLY);
    var proposal =
        services.propose(
            new ProposeService(null, dossier.id(), advisor.id(), "START", null),
            fixtures.actor(Api.MANAGER));
    services.activate(proposal.service().id(), Fixtures.SYSTEM);
    assertThatThrownBy(() -> services.cancel(proposal.service().id(), fixtures.actor(Api.MANAGER)))
        .hasFieldOrPropertyWithValue("code", "SERVICE_ACTIVE");
    links.withdraw(dossier.id(), link.id(), fixtures.actor(Api.MANAGER));
    assertThat(services.get(proposal.service().id()).status()).isEqualTo(ServiceStatus.REVOKED);
    assertThatThrownBy(() -> services.markInvited(proposal.service().id(), Fixtures.SYSTEM))
        .hasFieldOrPropertyWithValue("code", "SERVICE_ENDED");
  }
}
