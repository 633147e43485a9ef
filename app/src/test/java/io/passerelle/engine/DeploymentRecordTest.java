package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.PasserelleSpringTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The record of what was deployed to a cluster, in PostgreSQL (table engine_deployment). */
@PasserelleSpringTest
class DeploymentRecordTest {

  @Autowired DeploymentRecord record;

  @Test
  @DisplayName(
      "keeps one checksum per cluster and resource: a later deployment replaces it, another"
          + " cluster has its own")
  void oneChecksumPerClusterAndResource() {
    String cluster = "http://cluster-" + UUID.randomUUID() + ":8080";
    String other = "http://cluster-" + UUID.randomUUID() + ":8080";

    record.remember(
        cluster, Map.of("a.bpmn", "1111", "b.dmn", "2222"), Instant.parse("2026-12-01T00:00:00Z"));
    record.remember(cluster, Map.of("a.bpmn", "3333"), Instant.parse("2026-12-02T00:00:00Z"));
    record.remember(other, Map.of("a.bpmn", "4444"), Instant.parse("2026-12-02T00:00:00Z"));

    assertThat(record.deployed(cluster))
        .containsOnly(Map.entry("a.bpmn", "3333"), Map.entry("b.dmn", "2222"));
    assertThat(record.deployed(other)).containsOnly(Map.entry("a.bpmn", "4444"));
  }
}
