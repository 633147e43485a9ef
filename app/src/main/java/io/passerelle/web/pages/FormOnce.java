package io.passerelle.web.pages;

import java.util.function.LongSupplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A form that creates something carries a request id; the same form posted twice (a double click,
 * the browser's "resend", two posts landing on two instances) creates once: the second post gets
 * the first one's result. Remembered in the database (table {@code form_request}, a day), not in
 * the session: a session read by two requests at once (Spring Session) is two copies, and neither
 * sees what the other remembers.
 *
 * <p>The creation runs in the transaction that holds the request id's row: a second post with the
 * same id waits on that row until the first commits (then reads its result) or rolls back (then
 * creates, the first having created nothing).
 */
@Component
public class FormOnce {

  /** Longer request ids are not the forms' (a UUID): such a post is simply not deduplicated. */
  static final int MAX_REQUEST_ID = 100;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  FormOnce(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Runs {@code create} once per (kind, request id); a repeat returns the first result. */
  public long run(String kind, String requestId, LongSupplier create) {
    if (!usable(requestId)) {
      return create.getAsLong();
    }
    Long result =
        transaction.execute(
            status -> {
              if (!claimed(kind, requestId)) {
                Long first =
                    jdbc.queryForObject(
                        "select result from form_request where kind = ? and request_id = ?",
                        Long.class,
                        kind,
                        requestId);
                if (first != null) {
                  return first;
                }
                // claimed by a post that remembered no result (claim/release): create as usual
                return create.getAsLong();
              }
              long created = create.getAsLong();
              jdbc.update(
                  "update form_request set result = ? where kind = ? and request_id = ?",
                  created,
                  kind,
                  requestId);
              return created;
            });
    return result;
  }

  /**
   * Claims the request id at once (committed): false when it was claimed before, so a double click
   * sends nothing twice. {@link #release} gives it back when the action was refused.
   */
  public boolean claim(String kind, String requestId) {
    return !usable(requestId) || claimed(kind, requestId);
  }

  /** The action was refused: the same form may be corrected and sent again. */
  public void release(String kind, String requestId) {
    if (usable(requestId)) {
      jdbc.update("delete from form_request where kind = ? and request_id = ?", kind, requestId);
    }
  }

  private boolean claimed(String kind, String requestId) {
    return jdbc.update(
            "insert into form_request (kind, request_id) values (?, ?) on conflict do nothing",
            kind,
            requestId)
        == 1;
  }

  private static boolean usable(String requestId) {
    return requestId != null && !requestId.isEmpty() && requestId.length() <= MAX_REQUEST_ID;
  }
}
