package io.passerelle.onboarding.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
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
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.onboarding.StaffTaskService;
import io.passerelle.onboarding.StaffTaskView;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/tasks} in the web slice, the task service mocked: the security chain, the key's
 * binding, the tasks as JSON, claim and completion reaching the service with the signed-in member
 * and the form's variables, the service's refusals as problem+json. Who may act on which task and
 * what a task accepts are tested with the whole application ({@code OnboardingJourneyTest}, {@code
 * security.AssignmentScopeAttackTest}).
 */
@WebSliceTest
class StaffTaskControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(7, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired StaffTaskService tasks;

  @Test
  @DisplayName("without credentials: 401 problem+json; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/tasks").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    mvc.perform(
            post("/api/tasks/77/completion")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"followUpDecision\":\"extend\"}"))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(tasks);
  }

  @Test
  @DisplayName("the member's open tasks as JSON")
  void list() throws Exception {
    when(tasks.openTasks(CLAIRE)).thenReturn(List.of(task()));

    mvc.perform(get("/api/tasks").with(user(MANAGER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].userTaskKey").value(77))
        .andExpect(jsonPath("$[0].elementId").value("Task_FollowUp"))
        .andExpect(jsonPath("$[0].candidateGroups[0]").value("managers"))
        .andExpect(jsonPath("$[0].onboardingId").value(41));
  }

  @Test
  @DisplayName("a key that is no number: 400 problem+json INVALID_PARAMETER; the service not asked")
  void keyNotANumber() throws Exception {
    mvc.perform(get("/api/tasks/soixante").with(user(MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    verifyNoInteractions(tasks);
  }

  @Test
  @DisplayName("claiming gives the task to the member and answers it")
  void claim() throws Exception {
    when(tasks.claim(77, CLAIRE)).thenReturn(task());

    mvc.perform(post("/api/tasks/77/assignment").with(user(MANAGER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.assignee").value("claire.martin"));
    verify(tasks).claim(77, CLAIRE);
  }

  @Test
  @DisplayName("completing hands the form's variables to the service: 204")
  void complete() throws Exception {
    mvc.perform(
            WebSlices.asJson(
                post("/api/tasks/77/completion"), MANAGER, "{\"followUpDecision\":\"extend\"}"))
        .andExpect(status().isNoContent());
    verify(tasks).complete(77, Map.of("followUpDecision", "extend"), CLAIRE);
  }

  @Test
  @DisplayName("completing without a JSON object: 400 MALFORMED_REQUEST; the service not asked")
  void completeWithoutBody() throws Exception {
    mvc.perform(WebSlices.asJson(post("/api/tasks/77/completion"), MANAGER, "[1]"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    verifyNoInteractions(tasks);
  }

  @Test
  @DisplayName("someone else's task: 403 TASK_NOT_YOURS; one done already: 404 TASK_NOT_FOUND")
  void refusals() throws Exception {
    doThrow(DomainException.forbidden(OnboardingErrors.TASK_NOT_YOURS, "not yours"))
        .when(tasks)
        .complete(anyLong(), any(), any());
    when(tasks.get(78, CLAIRE))
        .thenThrow(DomainException.notFound(OnboardingErrors.TASK_NOT_FOUND, "done"));

    mvc.perform(WebSlices.asJson(post("/api/tasks/77/completion"), MANAGER, "{}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("TASK_NOT_YOURS"));
    mvc.perform(get("/api/tasks/78").with(user(MANAGER)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("TASK_NOT_FOUND"));
  }

  static StaffTaskView task() {
    return new StaffTaskView(
        77,
        900,
        "Process_Onboarding",
        "Task_FollowUp",
        "Relancer l'activation",
        "claire.martin",
        List.of("managers"),
        "Form_FollowUp",
        Instant.parse("2026-12-01T10:00:00Z"),
        41L,
        12L,
        5L);
  }
}
