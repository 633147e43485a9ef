package io.passerelle.operations.web;

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.operations.FailedCommandsService;
import io.passerelle.operations.OperationsService;
import io.passerelle.operations.RetryOutcome;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.StaffPage;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Exploitation" ({@code /operations}), for the office administrator: what the engine lost (the
 * reconciliation, with "relancer" and "clore"), the engine commands the outbox gave up on (send
 * again, one or all, or discard) and the incidents of every instance by kind (retry the selected
 * ones, or all of a kind). Other staff get the 403 page. Each form posts, then redirects back with
 * a sentence saying what happened (a second click says it was done already).
 */
@StaffPage
class OperationsPageController {

  private final OperationsService operations;
  private final FailedCommandsService failedCommands;

  OperationsPageController(OperationsService operations, FailedCommandsService failedCommands) {
    this.operations = operations;
    this.failedCommands = failedCommands;
  }

  @GetMapping("/operations")
  String page(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    Actor actor = admin(me);
    model.addAttribute("report", operations.reconciliation(actor));
    model.addAttribute("failedCommands", failedCommands.list(actor));
    try {
      model.addAttribute("groups", operations.incidents(actor));
    } catch (EngineUnavailableException e) {
      model.addAttribute("groups", List.of());
      model.addAttribute("engineDown", true);
    }
    return "operations/operations";
  }

  @PostMapping("/operations/reconciliation")
  String reconcile(@AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(
        flash,
        () -> {
          var report = operations.reconcileNow(actor);
          return report.failure() != null
              ? null
              : "Vérification faite : "
                  + report.lost().size()
                  + " instance(s) perdue(s) sur "
                  + (report.onboardingsChecked() + report.dossierRequestsChecked())
                  + " en cours.";
        });
  }

  @PostMapping("/operations/integrations/{id}/relancer")
  String restart(
      @PathVariable long id,
      @RequestParam long processInstanceKey,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(
        flash,
        () ->
            operations.restartOnboarding(id, processInstanceKey, actor)
                ? "Intégration n° " + id + " relancée."
                : "L'intégration n° " + id + " avait déjà été relancée ou close : rien à faire.");
  }

  @PostMapping("/operations/integrations/{id}/clore")
  String close(
      @PathVariable long id,
      @RequestParam long processInstanceKey,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(
        flash,
        () ->
            operations.closeOnboarding(id, processInstanceKey, actor)
                ? "Intégration n° " + id + " close."
                : "L'intégration n° " + id + " avait déjà été relancée ou close : rien à faire.");
  }

  @PostMapping("/operations/demandes/{id}/relancer")
  String restartRequest(
      @PathVariable long id,
      @RequestParam long processInstanceKey,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(
        flash,
        () ->
            operations.restartDossierRequest(id, processInstanceKey, actor)
                ? "Demande de dossier n° " + id + " relancée."
                : "La demande n° " + id + " avait déjà été relancée : rien à faire.");
  }

  @PostMapping("/operations/incidents/relancer")
  String retrySelected(
      @RequestParam(name = "incidentKey", required = false) List<Long> keys,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(flash, () -> said(operations.retry(keys == null ? List.of() : keys, actor)));
  }

  @PostMapping("/operations/incidents/types/{kind}/relancer")
  String retryKind(
      @PathVariable String kind,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(flash, () -> said(operations.retryKind(kind, actor)));
  }

  @PostMapping("/operations/commandes/{id}/renvoyer")
  String relayAgain(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(
        flash,
        () ->
            switch (failedCommands.relayAgain(id, actor)) {
              case DONE -> "Commande n° " + id + " renvoyée : le moteur l'a acceptée.";
              case WAITING ->
                  "Commande n° "
                      + id
                      + " remise en file : le moteur ne répond pas, elle part dès qu'il répond.";
              case REFUSED ->
                  "Le moteur refuse de nouveau la commande n° "
                      + id
                      + " : voyez son erreur ci-dessous.";
              case NOT_FOUND ->
                  "La commande n° " + id + " avait déjà été renvoyée ou abandonnée : rien à faire.";
            });
  }

  @PostMapping("/operations/commandes/renvoyer")
  String relayAllAgain(@AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(
        flash,
        () -> {
          int count = failedCommands.relayAllAgain(actor);
          return count == 0
              ? "Aucune commande à renvoyer."
              : count + " commande(s) remise(s) en file : elles partent dans quelques secondes.";
        });
  }

  @PostMapping("/operations/commandes/{id}/abandonner")
  String discard(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
    Actor actor = admin(me);
    return act(
        flash,
        () ->
            failedCommands.discard(id, actor)
                ? "Commande n° " + id + " abandonnée (son contenu est écrit dans le journal)."
                : "La commande n° "
                    + id
                    + " avait déjà été renvoyée ou abandonnée : rien à faire.");
  }

  private static String said(RetryOutcome outcome) {
    return outcome.retried() == 0
        ? "Aucun incident relancé : ils étaient déjà résolus."
        : outcome.retried() + " incident(s) relancé(s).";
  }

  /** Runs the action; a refusal or an engine down is said on the page, not as an error page. */
  private static String act(RedirectAttributes flash, Supplier<String> action) {
    try {
      String success = action.get();
      if (success == null) {
        flash.addFlashAttribute(
            "failure",
            "Le moteur de processus ne répond pas : la vérification n'a pas pu se faire.");
      } else {
        flash.addFlashAttribute("success", success);
      }
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.NOT_FOUND) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Introuvable.");
      }
      flash.addFlashAttribute("failure", FrenchMessages.of(e));
    } catch (EngineUnavailableException e) {
      flash.addFlashAttribute(
          "failure",
          "Le moteur de processus ne répond pas : rien n'a été fait. Réessayez dans quelques"
              + " minutes.");
    }
    return "redirect:/operations";
  }

  /** The office administrator's actor; anyone else gets the 403 page. */
  private static Actor admin(StaffPrincipal me) {
    if (me == null || !me.actor().isAdministrator()) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "Seul l'administrateur du cabinet peut voir cette page.");
    }
    return me.actor();
  }
}
