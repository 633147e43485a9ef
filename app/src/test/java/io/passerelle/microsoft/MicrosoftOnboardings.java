package io.passerelle.microsoft;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferDefinition;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.WidgetState;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.support.Api;
import io.passerelle.support.Fixtures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A firm's offer whose clients sign in with Microsoft ({@value #OFFER}), and its onboardings as the
 * staff propose them through the API.
 */
final class MicrosoftOnboardings {

  static final String OFFER = "START_MICROSOFT";
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Api manager;
  private final Fixtures fixtures;
  private final OnboardingService onboardings;
  private final InvitationService invitations;
  private final DossierService dossiers;

  MicrosoftOnboardings(
      Api manager,
      Fixtures fixtures,
      CatalogService catalog,
      OnboardingService onboardings,
      InvitationService invitations,
      DossierService dossiers) {
    this.manager = manager;
    this.fixtures = fixtures;
    this.onboardings = onboardings;
    this.invitations = invitations;
    this.dossiers = dossiers;
    catalog.defineOffer(
        new OfferDefinition(
            OFFER,
            "Start (Microsoft)",
            "La GED, le dépôt de pièces et le tableau de bord mobile, avec votre compte Microsoft",
            true,
            true,
            true,
            true,
            false,
            "WIDGET_START_MICROSOFT",
            "Start",
            true,
            Identity.MICROSOFT),
        fixtures.actor(Api.ADMIN));
  }

  record Proposed(long onboardingId, DossierView dossier, String email) {}

  /** The manager proposes the offer to a new contact; returns once the invitation went out. */
  Proposed propose(String email) throws Exception {
    Proposed proposed = start(email, null);
    long id = proposed.onboardingId();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                invitations.forOnboarding(id).stream()
                    .anyMatch(i -> i.status() == InvitationStatus.SENT));
    return proposed;
  }

  /** The manager proposes the offer to a new contact, with a message; returns at once (202). */
  Proposed start(String email, String customMessage) throws Exception {
    DossierView dossier = fixtures.dossier(Api.MANAGER);
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", "Jeanne");
    contact.put("lastName", "Microsoft");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", "DIRIGEANT");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", dossier.id());
    body.put("contact", contact);
    body.put("offerCode", OFFER);
    body.put("accessLevel", "READ_WRITE");
    body.put("sendNow", true);
    if (customMessage != null) {
      body.put("customMessage", customMessage);
    }
    JsonNode created =
        manager.read(manager.post("/api/onboardings", body).andExpect(status().isAccepted()));
    return new Proposed(created.get("id").asLong(), dossier, email);
  }

  void awaitOnboarded(long onboardingId) {
    await()
        .atMost(PATIENCE)
        .until(() -> onboardings.get(onboardingId).status() == OnboardingStatus.ONBOARDED);
  }

  WidgetState widgetOf(long dossierId) {
    return dossiers.get(dossierId).offers().stream()
        .filter(o -> o.offerCode().equals(OFFER))
        .findFirst()
        .orElseThrow()
        .widgetState();
  }
}
