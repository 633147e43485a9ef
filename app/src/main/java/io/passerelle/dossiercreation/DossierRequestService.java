package io.passerelle.dossiercreation;

import io.passerelle.domain.Actor;
import io.passerelle.engine.EngineCommands;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating a client dossier (seed 004's "Ajouter un client", issue 7): the staff member's request
 * is checked at once and stored in a {@code dossier_request} row; {@code Process_DossierCreation}
 * then looks the SIRET up in the company registry, has the staff member complete the details when
 * the registry cannot (no SIRET, unknown, closed establishment, registry down), creates the dossier
 * with its fiscal years, team, document tree and partner applications, and proposes the client
 * space to the director, now or on the firm's order.
 *
 * <p>Who may do what: a manager or the office administrator asks for a dossier (as for creating
 * one); inviting the director is external access, so a request that names one comes from the
 * dossier's future manager or the administrator. Completing the details or asking for manual entry
 * is for whoever asked, the dossier's manager or the administrator.
 *
 * <p>This is the feature's facade for the staff, by use case: asking ({@link
 * DossierRequestSubmission}, the director by {@link DirectorCheck}), acting on a running request
 * ({@link DossierRequestCommands}), reading ({@link DossierRequestViews}). The process steps
 * ({@link DossierCreationSteps} in the workers module, implemented by {@link
 * DossierCreationStepsAdapter} over {@link DossierRequestSteps}) are keyed by the request id and
 * idempotent: a redelivered job finds the work done. Nothing talks to the engine inside a
 * transaction that may still roll back: the process starts after the commit ({@link
 * DossierRequestStarter}), and the task completion and the manual-entry message are written to the
 * engine command outbox in the request's transaction and relayed after its commit ({@link
 * EngineCommands}).
 *
 * @see io.passerelle.workers.dossier.DossierCreationSteps
 */
@Service
public class DossierRequestService {

  private final DossierRequestSubmission submission;
  private final DossierRequestCommands commands;
  private final DossierRequestViews views;
  private final DossierRequestRepository requests;

  DossierRequestService(
      DossierRequestSubmission submission,
      DossierRequestCommands commands,
      DossierRequestViews views,
      DossierRequestRepository requests) {
    this.submission = submission;
    this.commands = commands;
    this.views = views;
    this.requests = requests;
  }

  /**
   * Checks the request as a whole (every field at fault at once), stores it and starts its process
   * once the transaction has committed.
   */
  @Transactional
  public DossierRequestView submit(NewDossierRequest request, Actor actor) {
    return views.view(submission.submit(request, actor), false);
  }

  @Transactional(readOnly = true)
  public DossierRequestView get(long id) {
    return views.view(requests.require(id), true);
  }

  /** The requests, newest first; the engine's state is on each one's own page. */
  @Transactional(readOnly = true)
  public Page<DossierRequestView> list(
      DossierRequestStatus status, Long requestedByStaffId, Pageable pageable) {
    return views.list(status, requestedByStaffId, pageable);
  }

  /**
   * "Compléter les informations de l'entreprise": saves the details (the SIRET too, when one is
   * given now) and completes the open task, after the commit; the dossier is then created. Refused
   * while the request does not wait for its details ({@code TASK_NOT_OPEN}).
   */
  @Transactional
  public DossierRequestView completeDetails(
      long id, String siretInput, CompanyDetails input, Actor actor) {
    return views.view(commands.completeDetails(id, siretInput, input, actor), false);
  }

  /**
   * The staff member stops waiting for the registry (down, slow): the lookup is interrupted, its
   * incident with it, and the details task opens. Allowed while the registry has not answered;
   * asking twice changes nothing.
   */
  @Transactional
  public DossierRequestView requestManualEntry(long id, Actor actor) {
    return views.view(commands.requestManualEntry(id, actor), false);
  }

  /**
   * The registry is back: retries the lookup held by its incident (as Operate's "retry" does, with
   * one more attempt). Refused when the lookup holds no incident ({@code NO_INCIDENT}).
   */
  @Transactional(readOnly = true)
  public DossierRequestView retryLookup(long id, Actor actor) {
    return views.view(commands.retryLookup(id, actor), true);
  }
}
