package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.passerelle.config.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two embedded engines in one JVM, as the test suite has them (an engine per application context):
 * each answers its own starts whole. The test engine's response writer keeps the answer in static
 * fields, so without {@code CurrentProcessResponses}' lock the two engines' answers got mixed
 * ("Could not read property 'variables'", a start's caller timing out with its instance created).
 */
class TwoEnginesInOneJvmTest {

  private static final int STARTS = 300;

  @TempDir Path first;
  @TempDir Path second;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : opened.reversed()) {
      closeable.close();
    }
  }

  /** An engine whose only process is {@code process}. */
  private CamundaClient engineIn(Path directory, String process) {
    var data = EngineDataDirectory.open(directory);
    opened.add(data);
    var engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, true, 1_000_000);
    opened.add(engine::destroy);
    var client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://localhost:" + engine.port()))
            .restAddress(URI.create("http://localhost:" + Ports.anyFree()))
            .preferRestOverGrpc(false)
            .build();
    opened.add(client);
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(process).startEvent().userTask().endEvent().done(),
            process + ".bpmn")
        .send()
        .join();
    return client;
  }

  @Test
  @DisplayName("starts on two engines at once: every caller gets its own engine's answer")
  void answersDoNotMix() throws Exception {
    List<String> processes = List.of("Process_First", "Process_Second");
    List<CamundaClient> clients =
        List.of(engineIn(first, processes.get(0)), engineIn(second, processes.get(1)));
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<ProcessInstanceEvent>> starts = new ArrayList<>();
      for (int i = 0; i < STARTS; i++) {
        CamundaClient client = clients.get(i % 2);
        String process = processes.get(i % 2);
        int number = i;
        starts.add(
            CompletableFuture.supplyAsync(
                () ->
                    client
                        .newCreateInstanceCommand()
                        .bpmnProcessId(process)
                        .latestVersion()
                        .variables(Map.of("number", number, "padding", "x".repeat(number % 50)))
                        .send()
                        .join(20, TimeUnit.SECONDS),
                callers));
      }
      for (int i = 0; i < STARTS; i++) {
        assertThat(starts.get(i).get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS))
            .as("the answer to start %d", i)
            .extracting(ProcessInstanceEvent::getBpmnProcessId)
            .isEqualTo(processes.get(i % 2));
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
