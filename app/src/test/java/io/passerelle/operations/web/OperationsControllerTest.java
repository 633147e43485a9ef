package io.passerelle.operations.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.FailedEngineCommands.RelayOutcome;
import io.passerelle.operations.FailedCommandsService;
import io.passerelle.operations.LostInstance;
import io.passerelle.operations.OperationsService;
import io.passerelle.operations.ReconciliationReport;
import io.passerelle.operations.RetryOutcome;
import io.passerelle.staff.StaffErrors;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/operations} in the web slice, the operations and the given-up commands mocked: the
 * security chain, the parameters' binding, what reaches the services by the signed-in member, the
 * answers' JSON ({@code done}, {@code outcome}, {@code requeued}), the administrator-only refusal
 * as problem+json. What reconciling, restarting and relaying do is tested with the whole
 * application ({@code OperationsJourneyTest}, {@code OperationsSecurityTest}, {@code
 * FailedEngineCommandsTest}).
 */
@WebSliceTest
class OperationsControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final Actor.Staff ANNE = new Actor.Staff(1, "anne.roux", true);

  @Autowired MockMvc mvc;
  @Autowired OperationsService operations;
  @Autowired FailedCommandsService failedCommands;

  @Test
  @DisplayName("without credentials: 401 problem+json; nothing asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/operations/reconciliation").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    mvc.perform(post("/api/operations/engine-commands/failed/relay"))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(operations, failedCommands);
  }

  @Test
  @DisplayName("the reconciliation's report as JSON, checked again on POST")
  void reconciliation() throws Exception {
    when(operations.reconcileNow(ANNE)).thenReturn(report());

    mvc.perform(post("/api/operations/reconciliation").with(user(ADMIN)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.onboardingsChecked").value(3))
        .andExpect(jsonPath("$.lost[0].kind").value("ONBOARDING"))
        .andExpect(jsonPath("$.lost[0].processInstanceKey").value(900));
  }

  @Test
  @DisplayName("restart and close: the lost instance's key handed on, the answer's 'done'")
  void restartAndClose() throws Exception {
    when(operations.restartOnboarding(41, 900, ANNE)).thenReturn(true);
    when(operations.closeOnboarding(41, 900, ANNE)).thenReturn(false);
    when(operations.restartDossierRequest(8, 901, ANNE)).thenReturn(true);

    mvc.perform(
            post("/api/operations/reconciliation/onboardings/41/restart")
                .param("processInstanceKey", "900")
                .with(user(ADMIN)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.done").value(true));
    mvc.perform(
            post("/api/operations/reconciliation/onboardings/41/close")
                .param("processInstanceKey", "900")
                .with(user(ADMIN)))
        .andExpect(jsonPath("$.done").value(false));
    mvc.perform(
            post("/api/operations/reconciliation/dossier-requests/8/restart")
                .param("processInstanceKey", "901")
                .with(user(ADMIN)))
        .andExpect(jsonPath("$.done").value(true));
    verify(operations).closeOnboarding(41, 900, ANNE);
  }

  @Test
  @DisplayName("a restart without the lost key, or with one that is no number: 400; nothing asked")
  void processInstanceKeyRequired() throws Exception {
    mvc.perform(post("/api/operations/reconciliation/onboardings/41/restart").with(user(ADMIN)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(
            post("/api/operations/reconciliation/onboardings/41/restart")
                .param("processInstanceKey", "neuf")
                .with(user(ADMIN)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    verifyNoInteractions(operations);
  }

  @Test
  @DisplayName("retrying the selected incidents, none given being an empty selection")
  void retry() throws Exception {
    when(operations.retry(any(), any())).thenReturn(new RetryOutcome(2, 1));

    mvc.perform(
            WebSlices.asJson(
                post("/api/operations/incidents/retry"), ADMIN, "{\"incidentKeys\":[5,6]}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.requested").value(2))
        .andExpect(jsonPath("$.retried").value(1));
    verify(operations).retry(List.of(5L, 6L), ANNE);

    mvc.perform(WebSlices.asJson(post("/api/operations/incidents/retry"), ADMIN, "{}"))
        .andExpect(status().isOk());
    verify(operations).retry(List.of(), ANNE);
  }

  @Test
  @DisplayName("the given-up commands: relayed again (its outcome), all requeued, discarded")
  void failedCommands() throws Exception {
    when(failedCommands.relayAgain(3, ANNE)).thenReturn(RelayOutcome.WAITING);
    when(failedCommands.relayAgain(4, ANNE)).thenReturn(RelayOutcome.NOT_FOUND);
    when(failedCommands.relayAllAgain(ANNE)).thenReturn(7);
    when(failedCommands.discard(3, ANNE)).thenReturn(true);

    mvc.perform(post("/api/operations/engine-commands/3/relay").with(user(ADMIN)))
        .andExpect(jsonPath("$.outcome").value("WAITING"))
        .andExpect(jsonPath("$.done").value(true));
    mvc.perform(post("/api/operations/engine-commands/4/relay").with(user(ADMIN)))
        .andExpect(jsonPath("$.outcome").value("NOT_FOUND"))
        .andExpect(jsonPath("$.done").value(false));
    mvc.perform(post("/api/operations/engine-commands/failed/relay").with(user(ADMIN)))
        .andExpect(jsonPath("$.requeued").value(7));
    mvc.perform(post("/api/operations/engine-commands/3/discard").with(user(ADMIN)))
        .andExpect(jsonPath("$.done").value(true));
  }

  @Test
  @DisplayName("a member who is not the administrator: 403 problem+json ADMINISTRATOR_ONLY")
  void administratorOnly() throws Exception {
    StaffPrincipal manager = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
    when(operations.incidents(any()))
        .thenThrow(DomainException.forbidden(StaffErrors.ADMINISTRATOR_ONLY, "admin only"));

    mvc.perform(get("/api/operations/incidents").with(user(manager)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("ADMINISTRATOR_ONLY"));
  }

  static ReconciliationReport report() {
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    return new ReconciliationReport(
        at,
        12,
        3,
        1,
        List.of(
            new LostInstance(
                LostInstance.Kind.ONBOARDING,
                41,
                12L,
                900,
                "NOT_FOUND",
                "STARTED",
                "INVITATION",
                true,
                true,
                at)),
        null);
  }
}
