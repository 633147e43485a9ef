package io.passerelle.operations.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.FailedEngineCommands.FailedCommand;
import io.passerelle.engine.FailedEngineCommands.RelayOutcome;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.operations.FailedCommandsService;
import io.passerelle.operations.FailedCommandsService.FailedCommands;
import io.passerelle.operations.IncidentGroup;
import io.passerelle.operations.OperationsService;
import io.passerelle.operations.ReconciliationReport;
import io.passerelle.operations.RetryOutcome;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * "Exploitation" in the web slice, the operations and the given-up commands mocked: the sign-in,
 * the administrator-only 403 page, what the page shows (lost instances, given-up commands,
 * incidents by kind, an engine that does not answer), CSRF on its forms, and each form's sentence
 * (done, already done, refused, engine down, unknown as the 404 page). What the actions do is
 * tested with the whole application ({@code OperationsJourneyTest}, {@code
 * OperationsSecurityTest}).
 */
@WebSliceTest
class OperationsPageControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff ANNE = new Actor.Staff(1, "anne.roux", true);
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired OperationsService operations;
  @Autowired FailedCommandsService failedCommands;

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/operations")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(operations, failedCommands);
  }

  @Test
  @DisplayName("anyone but the administrator: the readable 403 page, for the page and its forms")
  void administratorOnly() throws Exception {
    var refused =
        WebSlices.errorPage(
            403, "FORBIDDEN", "Seul l'administrateur du cabinet peut voir cette page.");
    mvc.perform(get("/operations").with(WebSlices.onPages(staff, MANAGER))).andExpect(refused);
    mvc.perform(
            post("/operations/commandes/renvoyer")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(refused);
    verifyNoInteractions(operations, failedCommands);
  }

  @Test
  @DisplayName("the page: the lost instances, the given-up commands, the incidents by kind")
  void page() throws Exception {
    when(operations.reconciliation(ANNE)).thenReturn(OperationsControllerTest.report());
    when(failedCommands.list(ANNE))
        .thenReturn(
            new FailedCommands(
                1,
                List.of(
                    new FailedCommand(
                        3, "PUBLISH_MESSAGE", "invitation-activated:42", 5, "NOT_FOUND", AT, AT))));
    when(operations.incidents(ANNE))
        .thenReturn(
            List.of(
                new IncidentGroup(
                    "k1",
                    "Process_Onboarding",
                    "Send_Mail",
                    "Envoyer l'invitation",
                    "JOB_NO_RETRIES",
                    "Le serveur de mail ne répond pas",
                    12,
                    AT,
                    List.of())));

    String page =
        mvc.perform(get("/operations").with(WebSlices.onPages(staff, ADMIN)))
            .andExpect(status().isOk())
            .andExpect(view().name("operations/operations"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("id=\"lost-onboarding-41\"", "id=\"failed-command-3\"", "invitation-activated:42")
        .contains("id=\"incident-kind-k1\"", "Le serveur de mail ne répond pas")
        .doesNotContain("les incidents ne peuvent pas être lus");
  }

  @Test
  @DisplayName("an engine that does not answer: the page still shows, saying so for the incidents")
  void engineDown() throws Exception {
    when(operations.reconciliation(ANNE)).thenReturn(OperationsControllerTest.report());
    when(failedCommands.list(ANNE)).thenReturn(new FailedCommands(0, List.of()));
    when(operations.incidents(ANNE)).thenThrow(mock(EngineUnavailableException.class));

    String page =
        mvc.perform(get("/operations").with(WebSlices.onPages(staff, ADMIN)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("Le moteur de processus ne répond pas : les incidents ne peuvent pas être lus.")
        .contains("id=\"no-failed-command\"");
  }

  @Test
  @DisplayName("a form without its CSRF token: refused, nothing done")
  void csrfRequired() throws Exception {
    mvc.perform(post("/operations/reconciliation").with(WebSlices.onPages(staff, ADMIN)))
        .andExpect(WebSlices.csrfRefused());
    verifyNoInteractions(operations);
  }

  @Test
  @DisplayName("restart and close hand on the lost key and say whether it was done already")
  void restartAndClose() throws Exception {
    when(operations.restartOnboarding(41, 900, ANNE)).thenReturn(true);
    when(operations.closeOnboarding(41, 900, ANNE)).thenReturn(false);
    when(operations.restartDossierRequest(8, 901, ANNE)).thenReturn(true);

    act("/operations/integrations/41/relancer", "900")
        .andExpect(flash().attribute("success", "Intégration n° 41 relancée."));
    act("/operations/integrations/41/clore", "900")
        .andExpect(
            flash()
                .attribute(
                    "success",
                    "L'intégration n° 41 avait déjà été relancée ou close : rien à faire."));
    act("/operations/demandes/8/relancer", "901")
        .andExpect(flash().attribute("success", "Demande de dossier n° 8 relancée."));
  }

  @Test
  @DisplayName("checking again: how many lost out of how many, or the engine's silence")
  void reconcile() throws Exception {
    when(operations.reconcileNow(ANNE))
        .thenReturn(OperationsControllerTest.report())
        .thenReturn(new ReconciliationReport(AT, 5, 0, 0, List.of(), "timeout"));

    act("/operations/reconciliation", null)
        .andExpect(
            flash()
                .attribute(
                    "success", "Vérification faite : 1 instance(s) perdue(s) sur 4 en cours."));
    act("/operations/reconciliation", null)
        .andExpect(
            flash()
                .attribute(
                    "failure",
                    "Le moteur de processus ne répond pas : la vérification n'a pas pu se faire."));
  }

  @Test
  @DisplayName("incidents retried (the selection, a kind) and given-up commands: their sentences")
  void retriesAndCommands() throws Exception {
    when(operations.retry(List.of(5L, 6L), ANNE)).thenReturn(new RetryOutcome(2, 2));
    when(operations.retryKind("k1", ANNE)).thenReturn(new RetryOutcome(3, 0));
    when(failedCommands.relayAgain(3, ANNE)).thenReturn(RelayOutcome.WAITING);
    when(failedCommands.relayAllAgain(ANNE)).thenReturn(0);

    mvc.perform(
            post("/operations/incidents/relancer")
                .param("incidentKey", "5", "6")
                .with(WebSlices.onPages(staff, ADMIN))
                .with(csrf()))
        .andExpect(flash().attribute("success", "2 incident(s) relancé(s)."));
    act("/operations/incidents/types/k1/relancer", null)
        .andExpect(
            flash().attribute("success", "Aucun incident relancé : ils étaient déjà résolus."));
    act("/operations/commandes/3/renvoyer", null)
        .andExpect(
            flash()
                .attribute(
                    "success",
                    "Commande n° 3 remise en file : le moteur ne répond pas, elle part dès qu'il"
                        + " répond."));
    act("/operations/commandes/renvoyer", null)
        .andExpect(flash().attribute("success", "Aucune commande à renvoyer."));
  }

  @Test
  @DisplayName("a refusal is said, an engine down too; an unknown one is the 404 page")
  void refusals() throws Exception {
    when(failedCommands.discard(3, ANNE))
        .thenThrow(DomainException.rule(OnboardingErrors.ONBOARDING_ENDED, "ended"))
        .thenThrow(mock(EngineUnavailableException.class))
        .thenThrow(DomainException.notFound(CommonErrors.ENGINE_NOT_FOUND, "none"));

    act("/operations/commandes/3/abandonner", null)
        .andExpect(
            flash()
                .attribute(
                    "failure", "Cette intégration est terminée : son invitation ne change plus."));
    act("/operations/commandes/3/abandonner", null)
        .andExpect(
            flash()
                .attribute(
                    "failure",
                    "Le moteur de processus ne répond pas : rien n'a été fait. Réessayez dans"
                        + " quelques minutes."));
    mvc.perform(
            post("/operations/commandes/3/abandonner")
                .with(WebSlices.onPages(staff, ADMIN))
                .with(csrf()))
        .andExpect(WebSlices.errorPage(404, "NOT_FOUND", "Introuvable."));
  }

  private ResultActions act(String path, String processInstanceKey) throws Exception {
    var request = post(path).with(WebSlices.onPages(staff, ADMIN)).with(csrf());
    if (processInstanceKey != null) {
      request.param("processInstanceKey", processInstanceKey);
    }
    return mvc.perform(request).andExpect(redirectedUrl("/operations"));
  }
}
