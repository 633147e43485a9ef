package io.passerelle.tasks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossiercreation.web.DossierRequestQueries;
import io.passerelle.engine.DeployedModels;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.onboarding.StaffTaskService;
import io.passerelle.onboarding.StaffTaskView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.NameLookup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The staff's task pages in the web slice, the task service and the engine mocked, the task forms'
 * checks real: the sign-in and CSRF, the list in creation order with the member's own tasks, a
 * task's form prefilled with its own fields only, claim and completion by the signed-in member with
 * only the form's checked fields, a second click, and the refusals said or shown as a readable
 * page. Who may act on which task and what the process does next are tested with the whole
 * application ({@code OnboardingJourneyTest}, {@code web.pages.StaffPagesTest}).
 */
@WebSliceTest
class TasksControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(7, "claire.martin", false);
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  static final String SCHEMA =
      """
      {"components":[
        {"key":"followUpDecision","label":"Suite","type":"radio","validate":{"required":true},
         "values":[{"value":"resend"},{"value":"extend"},{"value":"cancel"}]},
        {"key":"note","label":"Note","type":"textfield","validate":{"maxLength":10}}]}
      """;

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired StaffTaskService tasks;
  @Autowired ProcessEngine engine;
  @Autowired NameLookup names;
  @Autowired DossierRequestQueries dossierRequests;

  @Test
  @DisplayName("signed out: the sign-in page, nothing read nor completed")
  void signInFirst() throws Exception {
    mvc.perform(get("/taches")).andExpect(WebSlices.signInPage());
    mvc.perform(post("/taches/77/terminer").with(csrf())).andExpect(WebSlices.signInPage());
    verifyNoInteractions(tasks, engine);
  }

  @Test
  @DisplayName(
      "the open tasks oldest first, with their dossier and contact, 'Traiter' on the member's own")
  void list() throws Exception {
    when(tasks.openTasks(CLAIRE))
        .thenReturn(
            List.of(
                task(78, "Corriger l'adresse", null, AT.plusSeconds(60)),
                task(77, "Relancer l'activation", "claire.martin", AT)));
    when(names.dossiers(any())).thenReturn(Map.of(12L, "Boulangerie Lefort"));
    when(names.contacts(any())).thenReturn(Map.of(5L, "Jeanne Lefort"));

    String page =
        mvc.perform(get("/taches").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/taches"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("2 tâche(s)", "Boulangerie Lefort", "Jeanne Lefort", "Non attribuée (managers)")
        .contains("action=\"/taches/78/prendre\"", "class=\"button\" href=\"/taches/77\"")
        .doesNotContain("action=\"/taches/77/prendre\"");
    assertThat(page.indexOf("data-task=\"77\"")).isLessThan(page.indexOf("data-task=\"78\""));
  }

  @Test
  @DisplayName("a task's form, prefilled with the task's variables that are its fields only")
  void taskForm() throws Exception {
    when(tasks.get(77, CLAIRE)).thenReturn(task(77, "Relancer l'activation", "claire.martin", AT));
    when(engine.userTaskForm(77)).thenReturn(Optional.of(SCHEMA));
    when(engine.userTaskVariables(77))
        .thenReturn(Map.of("followUpDecision", "extend", "secret", "not a field"));

    mvc.perform(get("/taches/77").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(view().name("pages/tache"))
        .andExpect(model().attribute("schema", SCHEMA))
        .andExpect(model().attribute("prefill", "{\"followUpDecision\":\"extend\"}"));
  }

  @Test
  @DisplayName("a form the engine does not link: the latest deployed version of the task's form id")
  void formByItsId() throws Exception {
    when(tasks.get(77, CLAIRE)).thenReturn(task(77, "Relancer l'activation", "claire.martin", AT));
    when(engine.userTaskForm(77)).thenReturn(Optional.empty());
    DeployedModels models = mock(DeployedModels.class);
    when(models.forms())
        .thenReturn(
            List.of(
                new DeployedModels.DeployedResource("Form_FollowUp", 2, 602, "follow-up.form"),
                new DeployedModels.DeployedResource("Form_Other", 9, 609, "other.form"),
                new DeployedModels.DeployedResource("Form_FollowUp", 1, 601, "follow-up.form")));
    when(models.formSchema(602)).thenReturn(Optional.of(SCHEMA));
    when(engine.deployedModels()).thenReturn(models);
    when(engine.userTaskVariables(77)).thenReturn(Map.of("note", "v2"));

    mvc.perform(get("/taches/77").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(model().attribute("schema", SCHEMA))
        .andExpect(model().attribute("prefill", "{\"note\":\"v2\"}"));
  }

  @Test
  @DisplayName("an unknown task (or one done): the readable 404 page")
  void unknownTask() throws Exception {
    when(tasks.get(99, CLAIRE))
        .thenThrow(DomainException.notFound(OnboardingErrors.TASK_NOT_FOUND, "none"));

    mvc.perform(get("/taches/99").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(
            WebSlices.errorPage(
                404,
                "TASK_NOT_FOUND",
                "Cette tâche n'est plus ouverte : elle a peut-être été faite."));
  }

  @Test
  @DisplayName("claiming gives the task to the member and comes back to it; without CSRF, refused")
  void claim() throws Exception {
    mvc.perform(post("/taches/77/prendre").with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(redirectedUrl("/taches/77"))
        .andExpect(flash().attribute("success", "La tâche vous est attribuée."));
    verify(tasks).claim(77, CLAIRE);

    mvc.perform(post("/taches/78/prendre").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(WebSlices.csrfRefused());
    verify(tasks, never()).claim(78, CLAIRE);
  }

  @Test
  @DisplayName("completing sends the form's own fields, checked, by the member; then the list")
  void complete() throws Exception {
    withForm();

    mvc.perform(complete("{\"followUpDecision\":\"extend\",\"note\":\"ok\",\"admin\":true}"))
        .andExpect(redirectedUrl("/taches"))
        .andExpect(flash().attribute("success", "Tâche terminée : « Relancer l'activation »."));
    verify(tasks).complete(77, Map.of("followUpDecision", "extend", "note", "ok"), CLAIRE);
  }

  @Test
  @DisplayName("a form the checks refuse: its sentences said on the task, nothing completed")
  void formRefused() throws Exception {
    withForm();

    mvc.perform(complete("{\"note\":\"far too long a note\"}"))
        .andExpect(redirectedUrl("/taches/77"))
        .andExpect(
            flash()
                .attribute(
                    "failure", "« Suite » est obligatoire. « Note » a au plus 10 caractères."));
    verify(tasks, never()).complete(anyLong(), any(), any());
  }

  @Test
  @DisplayName("a task already done: 'Cette tâche est déjà terminée', nothing changed")
  void alreadyDone() throws Exception {
    when(tasks.get(77, CLAIRE))
        .thenThrow(DomainException.notFound(OnboardingErrors.TASK_NOT_FOUND, "done"));

    mvc.perform(complete("{}"))
        .andExpect(redirectedUrl("/taches"))
        .andExpect(flash().attribute("success", "Cette tâche est déjà terminée."));
    verify(tasks, never()).complete(anyLong(), any(), any());
  }

  @Test
  @DisplayName("someone else's task: the readable 403 page TASK_NOT_YOURS")
  void notYours() throws Exception {
    withForm();
    doThrow(DomainException.forbidden(OnboardingErrors.TASK_NOT_YOURS, "not yours"))
        .when(tasks)
        .complete(anyLong(), any(), any());

    mvc.perform(complete("{\"followUpDecision\":\"extend\"}"))
        .andExpect(
            WebSlices.errorPage(
                403,
                "TASK_NOT_YOURS",
                "Cette tâche est attribuée à quelqu'un d'autre : seuls cette personne ou"
                    + " l'administrateur du cabinet peuvent la traiter."));
  }

  private void withForm() {
    when(tasks.get(77, CLAIRE)).thenReturn(task(77, "Relancer l'activation", "claire.martin", AT));
    when(engine.userTaskForm(77)).thenReturn(Optional.of(SCHEMA));
  }

  private MockHttpServletRequestBuilder complete(String variables) {
    return post("/taches/77/terminer")
        .param("variables", variables)
        .with(WebSlices.onPages(staff, MANAGER))
        .with(csrf());
  }

  static StaffTaskView task(long key, String name, String assignee, Instant created) {
    return new StaffTaskView(
        key,
        900,
        "Process_Onboarding",
        "Task_FollowUp",
        name,
        assignee,
        List.of("managers"),
        "Form_FollowUp",
        created,
        41L,
        12L,
        5L);
  }
}
