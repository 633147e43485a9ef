package io.passerelle.web.pages;

import io.passerelle.domain.DomainException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Post/redirect/get for the pages' actions: the action runs, the person lands back on the page with
 * a sentence saying what happened. A refusal the person can correct (invalid input, a conflict, a
 * rule) is said on the page; "not allowed" and "not found" are pages of their own (403, 404, by
 * {@link PageExceptionHandler}).
 */
public final class Flash {

  private Flash() {}

  public static String run(
      String redirectTo, RedirectAttributes flash, String success, Runnable action) {
    try {
      action.run();
      flash.addFlashAttribute("success", success);
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN
          || e.kind() == DomainException.Kind.NOT_FOUND) {
        throw e;
      }
      flash.addFlashAttribute("failure", FrenchMessages.of(e));
    }
    return "redirect:" + redirectTo;
  }
}
