package io.passerelle.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the application last deployed to a cluster (table {@code engine_deployment}): the checksum
 * of each bundled resource when it was deployed.
 */
@Component
class DeploymentRecord {

  private final JdbcClient jdbc;

  DeploymentRecord(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Resource name → checksum of what was last deployed to that target. */
  Map<String, String> deployed(String target) {
    Map<String, String> checksums = new HashMap<>();
    jdbc.sql("select resource_name, checksum from engine_deployment where target = ?")
        .param(target)
        .query(
            rs -> {
              checksums.put(rs.getString(1), rs.getString(2));
            });
    return checksums;
  }

  @Transactional
  void remember(String target, Map<String, String> checksums, Instant at) {
    checksums.forEach(
        (name, checksum) ->
            jdbc.sql(
                    """
                    insert into engine_deployment (target, resource_name, checksum, deployed_at)
                    values (?, ?, ?, ?)
                    on conflict (target, resource_name)
                    do update set checksum = excluded.checksum, deployed_at = excluded.deployed_at
                    """)
                .params(target, name, checksum, java.sql.Timestamp.from(at))
                .update());
  }
}
