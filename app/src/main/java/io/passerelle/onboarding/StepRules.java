package io.passerelle.onboarding;

import io.passerelle.domain.DomainException;
import io.passerelle.workers.support.BusinessRuleException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the application's refusals that a model handles into {@link BusinessRuleException}s (BPMN
 * errors); every other refusal stays a technical failure (retries, then an incident whose message
 * is the refusal's).
 */
final class StepRules {

  private StepRules() {}

  static <T> T modelled(Supplier<T> step, Set<String> codes) {
    try {
      return step.get();
    } catch (DomainException e) {
      if (codes.contains(e.code())) {
        throw new BusinessRuleException(e.code(), e.getMessage());
      }
      throw e;
    }
  }

  static void modelled(Runnable step, Set<String> codes) {
    modelled(
        () -> {
          step.run();
          return null;
        },
        codes);
  }
}
