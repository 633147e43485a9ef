package io.passerelle.support;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Real {@code @JobWorker}s for the test-only engine-check model. */
@TestConfiguration(proxyBeanMethods = false)
public class EngineCheckWorkers {

  @Bean
  Recorder engineCheckRecorder() {
    return new Recorder();
  }

  /** What the engine-check workers saw, by check id. */
  public static class Recorder {
    private final Map<String, String> greeted = new ConcurrentHashMap<>();
    private final Map<String, String> decisions = new ConcurrentHashMap<>();

    @JobWorker(type = "engine-check-greet")
    public Map<String, Object> greet(@Variable String checkId) {
      greeted.put(checkId, "greeted");
      return Map.of("greeting", "bonjour " + checkId);
    }

    @JobWorker(type = "engine-check-record")
    public void record(@Variable String checkId, @Variable String decision) {
      decisions.put(checkId, decision);
    }

    public boolean greeted(String checkId) {
      return greeted.containsKey(checkId);
    }

    public String decision(String checkId) {
      return decisions.get(checkId);
    }
  }
}
