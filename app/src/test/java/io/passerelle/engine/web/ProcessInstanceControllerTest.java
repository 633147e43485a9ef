package io.passerelle.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.engine.InstanceState;
import io.passerelle.engine.InstanceTrail;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.engine.UnknownInstanceException;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A process instance's page in the web slice, the engine and the member's scope mocked: the
 * sign-in, what the page shows (the process's name, current steps by their names, incidents, the
 * instances it called), the diagram's XML, an instance the engine does not know as the readable 404
 * page, and "retry" (only for who may, CSRF, a resolved incident left alone, the way back). The
 * engine's side is tested with the whole application ({@code engine.IncidentRetryAndTrailTest}).
 */
@WebSliceTest
class ProcessInstanceControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired ProcessEngine engine;
  @Autowired ScopedResources scoped;

  @Test
  @DisplayName("signed out: the sign-in page; the engine not asked")
  void signInFirst() throws Exception {
    mvc.perform(get("/processus/900")).andExpect(WebSlices.signInPage());
    mvc.perform(post("/processus/900/incidents/77/relancer").with(csrf()))
        .andExpect(WebSlices.signInPage());
    verifyNoInteractions(engine);
  }

  @Test
  @DisplayName("the instance: its process's name, its steps by name, its incident, what it called")
  void instance() throws Exception {
    instance(900, "Process_ClientOnboarding", List.of(901L), true);
    instance(901, "Process_ClientInvitation", List.of(), false);

    String page =
        mvc.perform(get("/processus/900").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/processus"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("<h1>Intégration d&#39;un client</h1>", "Attendre l&#39;activation")
        .contains("data-incident=\"77\"", "Le serveur de mail ne répond pas")
        .contains("Sous-processus : Invitation du client", "data-instance=\"901\"")
        .doesNotContain("data-element=\"Process_ClientOnboarding\"");
  }

  @Test
  @DisplayName("an instance the engine does not know: the readable 404 page ENGINE_UNKNOWN")
  void unknown() throws Exception {
    when(engine.instanceState(999)).thenThrow(new UnknownInstanceException("none"));

    mvc.perform(get("/processus/999").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(
            WebSlices.errorPage(
                404,
                "ENGINE_UNKNOWN",
                "Le moteur de processus ne connaît pas (ou plus) cette instance ou cette tâche."));
  }

  @Test
  @DisplayName("the diagram: the definition's BPMN as XML, or 404 when the engine has none")
  void diagram() throws Exception {
    when(engine.instanceTrail(900))
        .thenReturn(new InstanceTrail(900, 500, "P", Set.of(), List.of()));
    when(engine.instanceTrail(901))
        .thenReturn(new InstanceTrail(901, 501, "P", Set.of(), List.of()));
    when(engine.processDefinitionXml(500)).thenReturn(Optional.of("<definitions/>"));
    when(engine.processDefinitionXml(501)).thenReturn(Optional.empty());

    mvc.perform(get("/processus/900/diagramme.bpmn").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
        .andExpect(content().string("<definitions/>"));
    mvc.perform(get("/processus/901/diagramme.bpmn").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isNotFound());
  }

  @Test
  @DisplayName("retry by who may not: the readable 403 page, the engine not asked")
  void retryRefused() throws Exception {
    when(scoped.mayRetryIncident(900, MANAGER.staff())).thenReturn(false);

    mvc.perform(
            post("/processus/900/incidents/77/relancer")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(
            WebSlices.errorPage(
                403,
                "INCIDENT_RETRY_MANAGER_ONLY",
                "Seuls le responsable du dossier de ce processus et l'administrateur relancent un"
                    + " incident."));
    verifyNoInteractions(engine);
  }

  @Test
  @DisplayName("retry without the form's CSRF token: refused, nothing retried")
  void retryCsrf() throws Exception {
    mvc.perform(
            post("/processus/900/incidents/77/relancer").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(WebSlices.csrfRefused());
    verifyNoInteractions(engine, scoped);
  }

  @Test
  @DisplayName("retry gives the incident's job a retry, back to the page given (ours only)")
  void retry() throws Exception {
    when(scoped.mayRetryIncident(900, MANAGER.staff())).thenReturn(true);
    instance(900, "Process_ClientOnboarding", List.of(), true);

    mvc.perform(
            post("/processus/900/incidents/77/relancer")
                .param("back", "/integrations/41")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/integrations/41"))
        .andExpect(
            flash().attribute("success", "L'étape est relancée : le moteur la tente de nouveau."));
    verify(engine).retryIncident(77, 78, 1);

    mvc.perform(
            post("/processus/900/incidents/77/relancer")
                .param("back", "//evil.example")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/processus/900"));
  }

  @Test
  @DisplayName("retrying an incident resolved already: said, nothing retried")
  void alreadyResolved() throws Exception {
    when(scoped.mayRetryIncident(900, MANAGER.staff())).thenReturn(true);
    instance(900, "Process_ClientOnboarding", List.of(), false);

    mvc.perform(
            post("/processus/900/incidents/77/relancer")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/processus/900"))
        .andExpect(flash().attribute("success", "Cet incident est déjà résolu."));
    verify(engine, never()).retryIncident(anyLong(), anyLong(), anyInt());
  }

  private void instance(long key, String process, List<Long> called, boolean incident) {
    long definition = key + 1000;
    when(engine.instanceState(key))
        .thenReturn(
            new InstanceState(
                key,
                process,
                InstanceState.Status.ACTIVE,
                List.of(
                    new InstanceState.ActiveStep(1, process, "PROCESS", AT),
                    new InstanceState.ActiveStep(2, "Wait_Activation", "RECEIVE_TASK", AT)),
                incident
                    ? List.of(
                        new InstanceState.Incident(
                            77,
                            "Send_Mail",
                            78,
                            "JOB_NO_RETRIES",
                            "Le serveur de mail ne répond pas",
                            AT))
                    : List.of()));
    when(engine.instanceTrail(key))
        .thenReturn(new InstanceTrail(key, definition, process, Set.of("Start"), called));
    when(engine.elementName(definition, "Wait_Activation")).thenReturn("Attendre l'activation");
  }
}
