package io.passerelle.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * PostgreSQL transaction-scoped advisory locks, so that "find it, or create it" runs one at a time
 * per business key (an e-mail, a SIRET, an onboarding id): a second transaction with the same key
 * waits until the first commits, then finds its row. The unique indexes stay as the last line of
 * defence.
 */
@Component
public class Locks {

  private final JdbcTemplate jdbc;

  Locks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Takes the lock for {@code (namespace, key)} until the current transaction ends. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void lock(String namespace, String key) {
    jdbc.queryForList("select pg_advisory_xact_lock(?)", Object.class, lockId(namespace, key));
  }

  static long lockId(String namespace, String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((namespace + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
