package io.passerelle.engine;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine's back-pressure: while the log holds more than {@code limit} positions the
 * engine has not read yet, the gateway closes every call that brings new work (a start, a message,
 * a signal, a deployment…) with {@code RESOURCE_EXHAUSTED}, before anything is written; the calls
 * that drain the backlog (job activation, completion, failure, BPMN errors, retries, incidents,
 * cancellation) and the small ones (topology, variables) pass.
 *
 * <p>Why here and not in the log stream: the log stream's own flow control lets through what is
 * written with {@code WriteContext.internal()}, and the test engine's gateway writes every command
 * so. Without a bound, a burst (a bulk, ten thousand reminders due at once) piles up commands that
 * wait longer than the client's request time-out, and the client's retries pile up more.
 *
 * <p>The backlog is read per call from two volatile positions (the log's committed end and the
 * stream processor's read position, which its own thread publishes after each record): no call into
 * the engine. A cluster answers the same status (REST: 429, or 503 with the title
 * RESOURCE_EXHAUSTED); {@link EngineErrors} treats both as "busy: nothing done, try again".
 */
final class GatewayBackPressure implements ServerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayBackPressure.class);

  /**
   * The gateway's methods (gateway.proto, Zeebe 8.8) that start new work. Every method of the
   * gateway is in this set or in {@link #DRAINING}; a test fails on a method that is in neither.
   */
  static final Set<String> NEW_WORK =
      Set.of(
          "CreateProcessInstance",
          "CreateProcessInstanceWithResult",
          "PublishMessage",
          "BroadcastSignal",
          "DeployProcess",
          "DeployResource",
          "DeleteResource",
          "EvaluateDecision",
          "ModifyProcessInstance",
          "MigrateProcessInstance");

  /**
   * What passes whatever the backlog: what drains it (jobs, incidents, cancellation), what asks
   * nothing of the stream processor (topology) and a variable update (a personal-data erasure
   * clears variables after its commit and must not be lost).
   */
  static final Set<String> DRAINING =
      Set.of(
          "ActivateJobs",
          "StreamActivatedJobs",
          "CompleteJob",
          "FailJob",
          "ThrowError",
          "UpdateJobRetries",
          "UpdateJobTimeout",
          "ResolveIncident",
          "CancelProcessInstance",
          "SetVariables",
          "Topology");

  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final long limit;
  private final LongSupplier backlog;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY.toNanos());

  /**
   * @param limit the most positions the log may hold beyond what the engine has read while it still
   *     takes new work
   * @param backlog that number now
   */
  GatewayBackPressure(long limit, LongSupplier backlog) {
    this.limit = limit;
    this.backlog = backlog;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (NEW_WORK.contains(call.getMethodDescriptor().getBareMethodName())) {
      long now = backlog.getAsLong();
      if (now > limit) {
        report(now);
        call.close(
            Status.RESOURCE_EXHAUSTED.withDescription(
                "The embedded engine is busy: its log holds "
                    + now
                    + " positions it has not processed yet (limit "
                    + limit
                    + ", passerelle.engine.backlog-limit); nothing was written, send the request"
                    + " again in a moment"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
    }
    return next.startCall(call, headers);
  }

  /** One line every 10 s at most while calls are refused. */
  private void report(long now) {
    long count = refused.incrementAndGet();
    long last = lastReport.get();
    long at = System.nanoTime();
    if (at - last >= REPORT_EVERY.toNanos() && lastReport.compareAndSet(last, at)) {
      refused.set(0);
      LOG.info(
          "Back-pressure: the engine's backlog is {} positions (limit {}); {} new-work call(s)"
              + " refused with RESOURCE_EXHAUSTED since the last report, their callers retry",
          now,
          limit,
          count);
    }
  }

  long limit() {
    return limit;
  }
}
