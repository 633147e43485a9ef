package io.passerelle.onboarding;

import java.time.Instant;
import java.util.List;

/**
 * A Camunda user task waiting for the firm's staff, with the onboarding it belongs to. The same
 * task Tasklist shows on a full cluster.
 *
 * @param formId the linked Camunda form's id (rendered by form-js on the pages, by Tasklist there)
 * @param onboardingId null for a task of another process
 */
public record StaffTaskView(
    long userTaskKey,
    long processInstanceKey,
    String bpmnProcessId,
    String elementId,
    String name,
    String assignee,
    List<String> candidateGroups,
    String formId,
    Instant created,
    Long onboardingId,
    Long dossierId,
    Long contactId) {}
