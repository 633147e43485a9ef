package io.passerelle.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.logstreams.storage.LogStorage.AppendListener;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.passerelle.config.Ports;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measurements behind the durable mode's settings (docs/design.md, "Durable mode"), run by hand,
 * not a test: {@code java -cp <test class path> io.passerelle.engine.DurableEngineMeasurements
 * [instances]}. Prints (1) the log's blocks per second with and without group commit, from 8
 * writers that each wait for their block's commit (the stream processor and the gateway's callers
 * do) and from one writer that does not (a bulk); (2) the engine's instances per second through
 * five jobs to a message wait, with and without group commit; (3) the time a restart takes to
 * replay that log without a snapshot, and with one.
 */
public final class DurableEngineMeasurements {

  private DurableEngineMeasurements() {}

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    for (boolean group : new boolean[] {false, true}) {
      logStorage(group);
    }
    for (boolean group : new boolean[] {false, true}) {
      engine(group, instances);
    }
    System.exit(0);
  }

  private static void logStorage(boolean group) throws Exception {
    Path dir = Files.createTempDirectory("log-measure-");
    try (var storage = new DurableLogStorage(dir, DurableLogStorage.DEFAULT_SEGMENT_SIZE, group)) {
      var position = new AtomicLong(1);
      var committed = new AtomicLong();
      long seconds = 5;
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      Thread[] writers = new Thread[8];
      for (int w = 0; w < writers.length; w++) {
        writers[w] =
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (System.nanoTime() < end) {
                        var done = new CountDownLatch(1);
                        synchronized (position) {
                          long p = position.getAndIncrement();
                          storage.append(
                              p,
                              p,
                              ByteBuffer.allocate(1024),
                              new AppendListener() {
                                @Override
                                public void onCommit(long index, long highest) {
                                  done.countDown();
                                }
                              });
                        }
                        try {
                          done.await();
                        } catch (InterruptedException e) {
                          return;
                        }
                        committed.incrementAndGet();
                      }
                    });
      }
      for (Thread writer : writers) {
        writer.join();
      }
      System.out.printf(
          "log, group commit %-5s: 8 waiting writers %,d blocks/s (%,d forces/s)%n",
          group, committed.get() / seconds, storage.forceCount() / seconds);
      // one writer that does not wait (a bulk): 20,000 blocks until all are committed
      int bulk = 20_000;
      var left = new CountDownLatch(bulk);
      long forces = storage.forceCount();
      long started = System.nanoTime();
      for (int i = 0; i < bulk; i++) {
        long p = position.getAndIncrement();
        storage.append(
            p,
            p,
            ByteBuffer.allocate(1024),
            new AppendListener() {
              @Override
              public void onCommit(long index, long highest) {
                left.countDown();
              }
            });
      }
      left.await();
      double took = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "log, group commit %-5s: 1 writer, no wait: %,d blocks/s (%,d forces for %,d blocks)%n",
          group, (long) (bulk / took), storage.forceCount() - forces, bulk);
    }
    EngineDataDirectory.deleteRecursively(dir);
  }

  private static void engine(boolean group, int instances) throws Exception {
    Path dir = Files.createTempDirectory("engine-measure-");
    var data = EngineDataDirectory.open(dir);
    var engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, group);
    var client = client(engine);
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("Measure").startEvent();
    for (int i = 1; i <= 5; i++) {
      flow = flow.serviceTask("Job" + i, t -> t.zeebeJobType("measure"));
    }
    client
        .newDeployResourceCommand()
        .addProcessModel(
            flow.intermediateCatchEvent("Wait")
                .message(m -> m.name("go").zeebeCorrelationKeyExpression("=id"))
                .endEvent()
                .done(),
            "measure.bpmn")
        .send()
        .join();
    var jobs = new AtomicLong();
    JobWorker worker =
        client
            .newWorker()
            .jobType("measure")
            .handler(
                (c, job) -> {
                  c.newCompleteCommand(job.getKey()).send().join();
                  jobs.incrementAndGet();
                })
            .maxJobsActive(64)
            .streamEnabled(true)
            .open();
    long started = System.nanoTime();
    var inFlight = new Semaphore(64);
    for (int i = 0; i < instances; i++) {
      inFlight.acquire();
      client
          .newCreateInstanceCommand()
          .bpmnProcessId("Measure")
          .latestVersion()
          .variables(Map.of("id", "i" + i))
          .send()
          .whenComplete((r, e) -> inFlight.release());
    }
    while (jobs.get() < 5L * instances) {
      Thread.sleep(50);
    }
    double took = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "engine, group commit %-5s: %,d instances through 5 jobs in %.1f s: %.0f instances/s;"
            + " log %,d positions, %,d blocks, %,d forces%n",
        group,
        instances,
        took,
        instances / took,
        engine.logStorage().lastPosition(),
        engine.logStorage().appendedCount(),
        engine.logStorage().forceCount());
    worker.close();
    client.close();
    engine.destroy();
    data.close();
    if (group) {
      restart(dir, "no snapshot, the whole log replayed");
      // a snapshot at the end: the next restart replays nothing
      data = EngineDataDirectory.open(dir);
      engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, true);
      var projection =
          new EngineRecordProjection(engine.logStream().newLogStreamReader(), (d, e) -> e);
      long snapStarted = System.nanoTime();
      engine.takeSnapshot(projection);
      System.out.printf(
          "snapshot with the projection's image: %d ms%n",
          (System.nanoTime() - snapStarted) / 1_000_000);
      engine.destroy();
      data.close();
      restart(dir, "from the snapshot");
    }
    EngineDataDirectory.deleteRecursively(dir);
  }

  private static void restart(Path dir, String what) {
    long started = System.nanoTime();
    var data = EngineDataDirectory.open(dir);
    var engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, true);
    var projection =
        new EngineRecordProjection(engine.logStream().newLogStreamReader(), (d, e) -> e);
    engine.recoveredProjection().ifPresent(projection::restore);
    projection.catchUpNow();
    System.out.printf(
        "restart (%s): ready with the projection caught up in %d ms (log %,d positions)%n",
        what, (System.nanoTime() - started) / 1_000_000, engine.logStorage().lastPosition());
    engine.destroy();
    data.close();
  }

  private static CamundaClient client(EmbeddedZeebeEngine engine) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://localhost:" + engine.port()))
        .restAddress(URI.create("http://localhost:" + Ports.anyFree()))
        .preferRestOverGrpc(false)
        .build();
  }
}
