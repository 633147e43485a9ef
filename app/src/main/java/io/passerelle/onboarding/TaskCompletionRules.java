package io.passerelle.onboarding;

import io.passerelle.domain.Actor;
import io.passerelle.engine.OpenUserTask;
import java.util.Map;
import java.util.Set;

/**
 * What a user task accepts when staff complete it in Passerelle: the variables its form sets,
 * checked as the form checks them, so that a bad value is refused with a clear error instead of
 * taking the process down a wrong path. One bean per process; the task service asks the bean that
 * knows the task's element id.
 */
public interface TaskCompletionRules {

  /** The element ids of the user tasks these rules know. */
  Set<String> elementIds();

  /** The Camunda form id linked to the task, for the pages to render. */
  String formId(String elementId);

  /**
   * Checks the submitted values and returns only the variables to complete the task with.
   *
   * @throws io.passerelle.domain.DomainException with field errors for a bad value
   */
  Map<String, Object> check(OpenUserTask task, Map<String, Object> submitted, Actor actor);
}
