package io.passerelle.dossiercreation;

import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.DomainException.FieldError;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.onboarding.TaskCompletionRules;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.Forms;
import io.passerelle.processes.ProcessNames.Variables;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The company details task completed through the generic task API ({@code /api/tasks}), as its
 * Camunda form does: the confirmation only. The details themselves are saved with {@code POST
 * /api/dossier-requests/{id}/company-details}, which completes the task too; a task confirmed
 * without them comes back ({@code COMPANY_DETAILS_MISSING}).
 */
@Component
class CompanyDetailsTaskRules implements TaskCompletionRules {

  @Override
  public Set<String> elementIds() {
    return Set.of(Elements.USER_TASK_COMPLETE_COMPANY_DETAILS);
  }

  @Override
  public String formId(String elementId) {
    return Forms.DOSSIER_COMPANY_DETAILS;
  }

  @Override
  public Map<String, Object> check(OpenUserTask task, Map<String, Object> submitted, Actor actor) {
    if (!Boolean.TRUE.equals(submitted.get(Variables.COMPANY_DETAILS_CONFIRMED))) {
      String message = "Confirm that the company's details are complete in the request.";
      throw new DomainException(
          DomainException.Kind.INVALID,
          CommonErrors.VALIDATION_FAILED,
          message,
          List.of(
              new FieldError(
                  Variables.COMPANY_DETAILS_CONFIRMED,
                  DossierCreationErrors.CONFIRMATION_REQUIRED,
                  message)));
    }
    return Map.of(Variables.COMPANY_DETAILS_CONFIRMED, true);
  }
}
