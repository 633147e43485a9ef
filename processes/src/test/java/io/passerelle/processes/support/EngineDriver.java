package io.passerelle.processes.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.passerelle.processes.BulkItemBatches;
import io.passerelle.processes.ProcessNames.JobTypes;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Resources;
import io.passerelle.processes.ProcessNames.Variables;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Drives the models on the in-memory engine the way the application would, with stub job handlers
 * instead of the real workers: deploys the models, starts instances, runs every job that is due
 * (completing it with the variables a worker would return, or throwing a BPMN error), publishes
 * messages, completes user tasks and moves the engine clock. Every wait is for a record the engine
 * writes, never a sleep.
 *
 * <p>Commands go through a {@link CamundaClient} (the application's client) over the in-memory
 * engine's gRPC gateway, not the deprecated {@code ZeebeClient} that zeebe-process-test injects;
 * the instances it starts are asserted with zeebe-process-test's {@code BpmnAssert} on the record
 * stream. (Camunda's {@code CamundaAssert} needs the Camunda Process Test runtime, which runs the
 * engine in Docker: the {@code cpt} suite uses it where Docker answers.) Close the driver after
 * each test.
 */
public final class EngineDriver implements AutoCloseable {

  public static final String DOSSIER_MANAGER = "marie.martin";
  public static final long CONTACT_ID = 42;
  public static final long SERVICE_ID = 51;
  public static final long ACCOUNT_ID = 61;
  public static final long CREATED_DOSSIER_ID = 71;
  public static final long EXISTING_DOSSIER_ID = 72;
  public static final long DIRECTOR_ONBOARDING_ID = 81;
  public static final String REQUESTED_BY = "claire.martin";

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration MESSAGE_TTL = Duration.ofMinutes(1);

  /** What a stub does with an activated job: complete it, throw an error, … */
  @FunctionalInterface
  public interface JobStub {
    void handle(ActivatedJob job, JobClient client);
  }

  /** A job the stubs handled, with the variables it was activated with. */
  public record HandledJob(
      String type,
      String elementId,
      long processInstanceKey,
      long elementInstanceKey,
      Map<String, Object> variables) {

    public Object variable(String name) {
      return variables.get(name);
    }
  }

  /** An open Camunda user task, as the engine created and assigned it. */
  public record UserTask(
      long key,
      long processInstanceKey,
      String elementId,
      String assignee,
      List<String> candidateGroups,
      long formKey) {}

  private final ZeebeTestEngine engine;
  private final CamundaClient client;
  private final RecordStream records;
  private final UserTaskCommands userTaskCommands;
  private final Map<String, JobStub> stubs = new HashMap<>();
  private final List<HandledJob> handled = new ArrayList<>();
  private final AtomicLong invitationIds = new AtomicLong(1000);
  private final AtomicLong messageIds = new AtomicLong();
  private Duration clockOffset = Duration.ZERO;

  public EngineDriver(ZeebeTestEngine engine) {
    this.engine = engine;
    this.client =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
            // the in-memory engine has only the gRPC gateway
            .preferRestOverGrpc(false)
            .build();
    this.records = RecordStream.of(engine.getRecordStreamSource());
    this.userTaskCommands = new UserTaskCommands(engine);
    for (String type : JobTypes.ALL) {
      stubs.put(type, complete(Map.of()));
    }
    stubs.put(
        JobTypes.CREATE_CONTACT,
        (job, jobs) ->
            jobs.newCompleteCommand(job)
                .variables(
                    Map.of(
                        Variables.CONTACT_ID,
                        CONTACT_ID,
                        Variables.SUBSCRIBER_TYPE,
                        "CLIENT",
                        Variables.BUSINESS_KEY,
                        "dossier-"
                            + job.getVariable(Variables.DOSSIER_ID)
                            + "/contact-"
                            + CONTACT_ID))
                .send()
                .join());
    stubs.put(JobTypes.PROPOSE_COLLABORATIVE_SERVICE, proposeService(false));
    stubs.put(
        JobTypes.ISSUE_INVITATION,
        (job, jobs) ->
            jobs.newCompleteCommand(job)
                .variables(Map.of(Variables.INVITATION_ID, invitationIds.incrementAndGet()))
                .send()
                .join());
    stubs.put(
        JobTypes.EXPIRE_INVITATION,
        complete(
            Map.of(
                Variables.DOSSIER_MANAGER,
                DOSSIER_MANAGER,
                Variables.FOLLOWED_UP_ELSEWHERE,
                false)));
    stubs.put(
        JobTypes.MARK_INVITATION_BOUNCED,
        complete(Map.of(Variables.DOSSIER_MANAGER, DOSSIER_MANAGER)));
    stubs.put(JobTypes.INVITE_MICROSOFT_GUEST, guestInvited(false));
    stubs.put(JobTypes.CHECK_MICROSOFT_GUEST, guestChecked(false));
    stubs.put(JobTypes.LOOKUP_COMPANY, companyLookedUp(true, false));
    stubs.put(JobTypes.CREATE_DOSSIER, complete(Map.of(Variables.DOSSIER_ID, CREATED_DOSSIER_ID)));
    stubs.put(
        JobTypes.RECORD_SIRET_ALREADY_USED,
        complete(Map.of(Variables.EXISTING_DOSSIER_ID, EXISTING_DOSSIER_ID)));
    stubs.put(
        JobTypes.INVITE_DIRECTOR,
        complete(Map.of(Variables.ONBOARDING_ID, DIRECTOR_ONBOARDING_ID)));
  }

  // ---------------------------------------------------------------- stubs

  public static JobStub complete(Map<String, Object> variables) {
    return (job, jobs) -> jobs.newCompleteCommand(job).variables(variables).send().join();
  }

  public static JobStub throwError(String code) {
    return (job, jobs) ->
        jobs.newThrowErrorCommand(job).errorCode(code).errorMessage("stub: " + code).send().join();
  }

  public static JobStub proposeService(boolean accountActive) {
    return complete(
        Map.of(
            Variables.SERVICE_ID, SERVICE_ID,
            Variables.ACCOUNT_ID, ACCOUNT_ID,
            Variables.ACCOUNT_ACTIVE, accountActive));
  }

  /** What {@code propose-collaborative-service} returns for an offer with this identity. */
  public static JobStub proposeService(boolean accountActive, String identity) {
    return complete(
        Map.of(
            Variables.SERVICE_ID, SERVICE_ID,
            Variables.ACCOUNT_ID, ACCOUNT_ID,
            Variables.ACCOUNT_ACTIVE, accountActive,
            Variables.IDENTITY, identity));
  }

  /** What {@code invite-microsoft-guest} returns: already accepted in the tenant, or invited. */
  public static JobStub guestInvited(boolean alreadyAccepted) {
    return complete(
        Map.of(
            Variables.GUEST_ACCEPTED, alreadyAccepted, Variables.DOSSIER_MANAGER, DOSSIER_MANAGER));
  }

  /** What {@code check-microsoft-guest} returns: accepted yet or not. */
  public static JobStub guestChecked(boolean accepted) {
    return complete(Map.of(Variables.GUEST_ACCEPTED, accepted));
  }

  /** A technical failure that leaves retries: offered again after {@code backoff}. */
  public static JobStub failWithBackoff(String message, Duration backoff) {
    return (job, jobs) ->
        jobs.newFailCommand(job)
            .retries(job.getRetries() - 1)
            .retryBackoff(backoff)
            .errorMessage(message)
            .send()
            .join();
  }

  /** What {@code lookup-company} returns: found or not, and the establishment closed or not. */
  public static JobStub companyLookedUp(boolean found, boolean closed) {
    return complete(Map.of(Variables.COMPANY_FOUND, found, Variables.ESTABLISHMENT_CLOSED, closed));
  }

  /** A technical failure with no retry left: the engine raises an incident. */
  public static JobStub failWithoutRetries(String message) {
    return (job, jobs) -> jobs.newFailCommand(job).retries(0).errorMessage(message).send().join();
  }

  /** Replaces the stub of a job type. */
  public EngineDriver stub(String type, JobStub stub) {
    stubs.put(type, stub);
    return this;
  }

  /** Runs {@code first} for the next job of that type, then the stub that was there before. */
  public EngineDriver stubOnce(String type, JobStub first) {
    JobStub then = stubs.get(type);
    boolean[] used = {false};
    stubs.put(
        type,
        (job, jobs) -> {
          if (used[0]) {
            then.handle(job, jobs);
          } else {
            used[0] = true;
            first.handle(job, jobs);
          }
        });
    return this;
  }

  /** The client the driver sends its commands with, for a command it has no method for. */
  public CamundaClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }

  // ---------------------------------------------------------------- deploy and start

  private static final java.time.Duration DEPLOY_TIMEOUT = java.time.Duration.ofMinutes(1);

  public EngineDriver deployAll() {
    var command = client.newDeployResourceCommand().addResourceFromClasspath(Resources.ALL.get(0));
    for (String resource : Resources.ALL.subList(1, Resources.ALL.size())) {
      command = command.addResourceFromClasspath(resource);
    }
    // a deployment parses and checks every model: give it time on a busy machine
    command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    return this;
  }

  public void deploy(String resourceName, String content) {
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(content, resourceName)
        .requestTimeout(DEPLOY_TIMEOUT)
        .send()
        .join();
    idle();
  }

  /** Starts a client onboarding as the API command does, with the variables of design.md. */
  public InspectedProcessInstance startOnboarding(long onboardingId, boolean sendNow) {
    return startOnboarding(onboardingId, sendNow, "START");
  }

  public InspectedProcessInstance startOnboarding(
      long onboardingId, boolean sendNow, String offer) {
    long dossierId = onboardingId + 500;
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(Variables.ONBOARDING_ID, onboardingId);
    variables.put(Variables.ONBOARDING_KEY, onboardingKey(onboardingId));
    variables.put(Variables.BUSINESS_KEY, "dossier-" + dossierId + "/onboarding-" + onboardingId);
    variables.put(Variables.DOSSIER_ID, dossierId);
    variables.put(Variables.OFFER_CODE, offer);
    variables.put(Variables.SEND_NOW, sendNow);
    var instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(Processes.CLIENT_ONBOARDING)
            .latestVersion()
            .variables(variables)
            .send()
            .join();
    runJobs();
    return new InspectedProcessInstance(instance.getProcessInstanceKey());
  }

  /** Starts a dossier creation as the API does, with the variables of design.md. */
  public InspectedProcessInstance startDossierCreation(
      long dossierRequestId, boolean hasSiret, boolean inviteDirector, boolean sendNow) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(Variables.DOSSIER_REQUEST_ID, dossierRequestId);
    variables.put(Variables.REQUEST_KEY, "dossier-request-" + dossierRequestId);
    variables.put(Variables.STARTED_BY, REQUESTED_BY);
    variables.put(Variables.HAS_SIRET, hasSiret);
    variables.put(Variables.INVITE_DIRECTOR, inviteDirector);
    variables.put(Variables.SEND_NOW, sendNow);
    var instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(Processes.DOSSIER_CREATION)
            .latestVersion()
            .variables(variables)
            .send()
            .join();
    runJobs();
    return new InspectedProcessInstance(instance.getProcessInstanceKey());
  }

  public InspectedProcessInstance startBulk(long bulkId, List<Long> bulkItemIds) {
    var instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(Processes.BULK_INVITATION)
            .latestVersion()
            .variables(
                Map.of(
                    Variables.BULK_ID,
                    bulkId,
                    Variables.BULK_ITEM_BATCHES,
                    BulkItemBatches.of(bulkItemIds)))
            .send()
            .join();
    runJobs();
    return new InspectedProcessInstance(instance.getProcessInstanceKey());
  }

  public static String onboardingKey(long onboardingId) {
    return "onboarding-" + onboardingId;
  }

  // ---------------------------------------------------------------- jobs

  /** Activates and handles every job that is due, until the engine has none left. */
  public void runJobs() {
    for (int round = 0; round < 100; round++) {
      idle();
      boolean any = false;
      for (String type : JobTypes.ALL) {
        var jobs =
            client
                .newActivateJobsCommand()
                .jobType(type)
                .maxJobsToActivate(50)
                .timeout(Duration.ofMinutes(5))
                .send()
                .join()
                .getJobs();
        for (ActivatedJob job : jobs) {
          handled.add(
              new HandledJob(
                  job.getType(),
                  job.getElementId(),
                  job.getProcessInstanceKey(),
                  job.getElementInstanceKey(),
                  job.getVariablesAsMap()));
          stubs.get(type).handle(job, client);
          any = true;
        }
      }
      if (!any) {
        return;
      }
    }
    fail("Jobs kept coming after 100 rounds: a loop in the model?");
  }

  public List<HandledJob> jobs(String type) {
    return handled.stream().filter(job -> job.type().equals(type)).toList();
  }

  public List<HandledJob> jobs(String type, long processInstanceKey) {
    return jobs(type).stream().filter(j -> j.processInstanceKey() == processInstanceKey).toList();
  }

  public List<String> jobTypesInOrder() {
    return handled.stream().map(HandledJob::type).toList();
  }

  // ---------------------------------------------------------------- messages

  /**
   * Publishes a message as the application does (with a message id), waits until an instance has
   * taken it, then runs the jobs that follow. The one-minute TTL cannot race the timers (days).
   */
  public void publish(String messageName, String correlationKey) {
    long before = correlations(messageName, correlationKey);
    client
        .newPublishMessageCommand()
        .messageName(messageName)
        .correlationKey(correlationKey)
        .messageId(messageName + "-" + correlationKey + "-" + messageIds.incrementAndGet())
        .timeToLive(MESSAGE_TTL)
        .send()
        .join();
    await(
        messageName + " correlated with " + correlationKey,
        () -> correlations(messageName, correlationKey) > before);
    runJobs();
  }

  /**
   * The messages an instance waits for now. (BpmnAssert's {@code isWaitingForMessages} keeps one
   * subscription per element instance, so it misses one of an event-based gateway's two.)
   */
  public Set<String> openSubscriptions(long processInstanceKey) {
    Map<String, ProcessMessageSubscriptionIntent> latest = new HashMap<>();
    stream(records.processMessageSubscriptionRecords())
        .filter(r -> r.getRecordType() == RecordType.EVENT)
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
        .forEach(
            r ->
                latest.put(
                    r.getValue().getElementInstanceKey() + "/" + r.getValue().getMessageName(),
                    (ProcessMessageSubscriptionIntent) r.getIntent()));
    return latest.entrySet().stream()
        .filter(e -> e.getValue() == ProcessMessageSubscriptionIntent.CREATED)
        .map(e -> e.getKey().substring(e.getKey().indexOf('/') + 1))
        .collect(Collectors.toSet());
  }

  /** Waits until the instance waits for these messages (opened just after the element). */
  public void awaitSubscriptions(long processInstanceKey, String... messageNames) {
    await(
        "subscriptions to " + String.join(", ", messageNames),
        () -> openSubscriptions(processInstanceKey).containsAll(List.of(messageNames)));
  }

  private long correlations(String messageName, String correlationKey) {
    return stream(records.processMessageSubscriptionRecords())
        .filter(r -> r.getIntent() == ProcessMessageSubscriptionIntent.CORRELATED)
        .filter(r -> r.getValue().getMessageName().equals(messageName))
        .filter(r -> r.getValue().getCorrelationKey().equals(correlationKey))
        .count();
  }

  // ---------------------------------------------------------------- time

  /** Moves the engine clock; waits until every timer that became due has fired; runs the jobs. */
  public void advance(Duration duration) {
    clockOffset = clockOffset.plus(duration);
    engine.increaseTime(duration);
    long now = Instant.now().plus(clockOffset).toEpochMilli();
    await(
        "timers due by the new engine time to fire",
        () -> pendingTimers().stream().noneMatch(t -> t.getValue().getDueDate() <= now));
    runJobs();
  }

  /** Timers created and neither triggered nor cancelled. */
  public List<Record<TimerRecordValue>> pendingTimers() {
    Set<Long> done =
        stream(records.timerRecords())
            .filter(
                r ->
                    r.getIntent() == TimerIntent.TRIGGERED || r.getIntent() == TimerIntent.CANCELED)
            .map(Record::getKey)
            .collect(Collectors.toSet());
    return stream(records.timerRecords())
        .filter(r -> r.getIntent() == TimerIntent.CREATED)
        .filter(r -> !done.contains(r.getKey()))
        .toList();
  }

  /** Every timer the engine created for a boundary event, oldest first. */
  public List<TimerRecordValue> timersCreated(String elementId, long processInstanceKey) {
    return stream(records.timerRecords())
        .filter(r -> r.getIntent() == TimerIntent.CREATED)
        .map(Record::getValue)
        .filter(t -> t.getTargetElementId().equals(elementId))
        .filter(t -> t.getProcessInstanceKey() == processInstanceKey)
        .toList();
  }

  public Duration clockOffset() {
    return clockOffset;
  }

  // ---------------------------------------------------------------- user tasks

  /** The open user task at that element (waits until the engine has created and assigned it). */
  public UserTask openUserTask(String elementId) {
    return awaitValue(
        "an open user task " + elementId,
        () -> openUserTasks().stream().filter(t -> t.elementId().equals(elementId)).findFirst());
  }

  public List<UserTask> openUserTasks() {
    Map<Long, Record<UserTaskRecordValue>> latest = new LinkedHashMap<>();
    Map<Long, String> assignees = new HashMap<>();
    userTaskRecords()
        .filter(r -> r.getRecordType() == RecordType.EVENT)
        .forEach(
            r -> {
              latest.put(r.getKey(), r);
              if (r.getIntent() == UserTaskIntent.ASSIGNED
                  || r.getIntent() == UserTaskIntent.CREATED) {
                assignees.put(r.getKey(), r.getValue().getAssignee());
              }
            });
    return latest.values().stream()
        .filter(
            r ->
                r.getIntent() == UserTaskIntent.CREATED || r.getIntent() == UserTaskIntent.ASSIGNED)
        .map(
            r ->
                new UserTask(
                    r.getKey(),
                    r.getValue().getProcessInstanceKey(),
                    r.getValue().getElementId(),
                    assignees.get(r.getKey()),
                    r.getValue().getCandidateGroupsList(),
                    r.getValue().getFormKey()))
        .toList();
  }

  public long userTasksCreated(String elementId) {
    return userTaskRecords()
        .filter(r -> r.getIntent() == UserTaskIntent.CREATED)
        .filter(r -> r.getValue().getElementId().equals(elementId))
        .count();
  }

  /** Completes the task as Tasklist or Passerelle's task page would, then runs the jobs. */
  public void completeUserTask(UserTask task, Map<String, Object> variables) {
    userTaskCommands.complete(task.key(), variables);
    await(
        "user task " + task.elementId() + " completed",
        () ->
            userTaskRecords()
                .anyMatch(
                    r -> r.getKey() == task.key() && r.getIntent() == UserTaskIntent.COMPLETED));
    runJobs();
  }

  // ---------------------------------------------------------------- instances

  /** The Process_ClientInvitation instances an onboarding called, oldest first. */
  public List<Long> invitationInstances(long onboardingInstanceKey) {
    return stream(records.processInstanceRecords())
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(Record::getValue)
        .filter(v -> v.getBpmnElementType() == BpmnElementType.PROCESS)
        .filter(v -> v.getBpmnProcessId().equals(Processes.CLIENT_INVITATION))
        .filter(v -> v.getParentProcessInstanceKey() == onboardingInstanceKey)
        .map(ProcessInstanceRecordValue::getProcessInstanceKey)
        .toList();
  }

  /** The Process_MicrosoftGuestInvitation instances an onboarding called, oldest first. */
  public List<Long> guestInstances(long onboardingInstanceKey) {
    return stream(records.processInstanceRecords())
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(Record::getValue)
        .filter(v -> v.getBpmnElementType() == BpmnElementType.PROCESS)
        .filter(v -> v.getBpmnProcessId().equals(Processes.MICROSOFT_GUEST_INVITATION))
        .filter(v -> v.getParentProcessInstanceKey() == onboardingInstanceKey)
        .map(ProcessInstanceRecordValue::getProcessInstanceKey)
        .toList();
  }

  public long invitationInstance(long onboardingInstanceKey) {
    var keys = invitationInstances(onboardingInstanceKey);
    assertThat(keys).as("invitation instances called").hasSize(1);
    return keys.get(0);
  }

  public List<Long> instancesOf(String bpmnProcessId) {
    return stream(records.processInstanceRecords())
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(Record::getValue)
        .filter(v -> v.getBpmnElementType() == BpmnElementType.PROCESS)
        .filter(v -> v.getBpmnProcessId().equals(bpmnProcessId))
        .map(ProcessInstanceRecordValue::getProcessInstanceKey)
        .toList();
  }

  /** How often an element of an instance was completed (a path taken twice counts twice). */
  public long timesCompleted(long processInstanceKey, String elementId) {
    return stream(records.processInstanceRecords())
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
        .map(Record::getValue)
        .filter(v -> v.getProcessInstanceKey() == processInstanceKey)
        .filter(v -> v.getElementId().equals(elementId))
        .count();
  }

  /** Whether the engine rejected any command (a wrong test would otherwise pass silently). */
  public List<String> rejections() {
    return stream(records.records())
        .filter(r -> r.getRecordType() == RecordType.COMMAND_REJECTION)
        .filter(r -> r.getValueType() != ValueType.JOB_BATCH)
        .map(r -> r.getValueType() + " " + r.getIntent() + ": " + r.getRejectionReason())
        .toList();
  }

  // ---------------------------------------------------------------- waiting

  public void idle() {
    try {
      engine.waitForIdleState(WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      fail("The engine did not become idle within " + WAIT);
    }
  }

  public void await(String what, BooleanSupplier condition) {
    awaitValue(what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
  }

  /** Waits for the engine to write what the probe looks for (woken by engine activity). */
  public <T> T awaitValue(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      idle();
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        fail("Waited " + WAIT + " for " + what);
      }
      try {
        engine.waitForBusyState(Duration.ofMillis(200));
      } catch (TimeoutException e) {
        // nothing happened meanwhile: look again until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Stream<Record<UserTaskRecordValue>> userTaskRecords() {
    return stream(records.records())
        .filter(r -> r.getValueType() == ValueType.USER_TASK)
        .map(r -> (Record<UserTaskRecordValue>) r);
  }

  private static <T> Stream<T> stream(Iterable<T> iterable) {
    return StreamSupport.stream(iterable.spliterator(), false);
  }
}
