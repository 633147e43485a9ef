package io.passerelle.portal;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationTokens;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.Language;
import io.passerelle.domain.Actor;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Locks;
import io.passerelle.domain.PasswordPolicy;
import io.passerelle.mail.MailContent;
import io.passerelle.mail.MailDeliveryException;
import io.passerelle.mail.MailKey;
import io.passerelle.mail.MailKind;
import io.passerelle.mail.MailOutbox;
import io.passerelle.mail.OutgoingMail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset through the same secure-link machinery as invitations ({@code password_reset},
 * V21): the token is {@code base64url(HMAC-SHA256(secret, "password-reset:" + id + ":" +
 * hex(nonce)))}, only its SHA-256 is stored, it lives {@code passwordResetValidity} (one hour by
 * default), it serves once, and asking again replaces the older link. Requests are handled after
 * the answer ({@link BackgroundWork}), so an unknown address and a known one look the same; only an
 * ACTIVE account gets a mail (PASSWORD_RESET, keyed by the reset's id: sent once).
 */
@Service
public class PasswordResets {

  static final String PURPOSE = "password-reset";
  private static final Logger LOG = LoggerFactory.getLogger(PasswordResets.class);
  private static final Duration[] RETRY_AFTER = {Duration.ofSeconds(2), Duration.ofSeconds(10)};

  /** A live reset link, for its page. */
  public record LiveReset(long id, long accountId, String email, Language language) {}

  /** What submitting a new password came to. */
  public sealed interface Outcome {
    record Changed(long accountId) implements Outcome {}

    record Refused(LiveReset reset, PasswordPolicy.Violation violation) implements Outcome {}

    record Dead() implements Outcome {}
  }

  private final BackgroundWork background;
  private final AccountService accounts;
  private final ContactService contacts;
  private final InvitationTokens tokens;
  private final MailOutbox outbox;
  private final PortalLinks links;
  private final PasswordPolicy policy;
  private final PasswordEncoder passwords;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Locks locks;
  private final PortalProperties properties;
  private final Clock clock;

  PasswordResets(
      BackgroundWork background,
      AccountService accounts,
      ContactService contacts,
      InvitationTokens tokens,
      MailOutbox outbox,
      PortalLinks links,
      PasswordPolicy policy,
      PasswordEncoder passwords,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Locks locks,
      PortalProperties properties,
      Clock clock) {
    this.background = background;
    this.accounts = accounts;
    this.contacts = contacts;
    this.tokens = tokens;
    this.outbox = outbox;
    this.links = links;
    this.policy = policy;
    this.passwords = passwords;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.locks = locks;
    this.properties = properties;
    this.clock = clock;
  }

  /** Takes the request; the lookup and the mail happen after the answer. */
  public void request(String email) {
    String address = EmailAddresses.clean(email);
    background.submit("password reset request", () -> handle(address));
  }

  void handle(String email) {
    // a client who signs in with Microsoft has no Passerelle password to reset (issue 23)
    Optional<AccountView> account =
        accounts.byEmail(email).filter(AccountView::active).filter(a -> !a.microsoft());
    if (account.isEmpty()) {
      return;
    }
    long id = issue(account.get().id());
    send(id);
  }

  /** A new live link for the account; the older one dies (SUPERSEDED). Returns its id. */
  long issue(long accountId) {
    return transactions.execute(
        status -> {
          locks.lock("password-reset", String.valueOf(accountId));
          Instant now = clock.instant();
          jdbc.sql(
                  """
                  update password_reset set status = 'SUPERSEDED', closed_at = :now
                  where account_id = :account and status = 'LIVE'
                  """)
              .param("now", utc(now))
              .param("account", accountId)
              .update();
          long id = jdbc.sql("select nextval('password_reset_id_seq')").query(Long.class).single();
          byte[] nonce = tokens.newNonce();
          jdbc.sql(
                  """
                  insert into password_reset
                      (id, account_id, token_nonce, token_hash, created_at, expires_at)
                  values (:id, :account, :nonce, :hash, :now, :expires)
                  """)
              .param("id", id)
              .param("account", accountId)
              .param("nonce", nonce)
              .param("hash", InvitationTokens.hash(tokens.token(PURPOSE, id, nonce)))
              .param("now", utc(now))
              .param("expires", utc(now.plus(properties.passwordResetValidity())))
              .update();
          return id;
        });
  }

  /**
   * Kills every live link of the account (its login changed): in the caller's transaction, so a
   * link mailed to the old address dies with the change. Returns how many died.
   */
  int revokeAll(long accountId) {
    return jdbc.sql(
            """
            update password_reset set status = 'SUPERSEDED', closed_at = :now
            where account_id = :account and status = 'LIVE'
            """)
        .param("now", utc(clock.instant()))
        .param("account", accountId)
        .update();
  }

  /** Mails the link of reset {@code id} while it lives; a temporary SMTP failure is retried. */
  void send(long id) {
    var row =
        jdbc.sql(
                "select account_id, token_nonce, expires_at from password_reset"
                    + " where id = ? and status = 'LIVE'")
            .param(id)
            .query(
                (rs, n) ->
                    new Object[] {
                      rs.getLong(1), rs.getBytes(2), rs.getObject(3, OffsetDateTime.class)
                    })
            .optional();
    if (row.isEmpty()) {
      return;
    }
    long accountId = (Long) row.get()[0];
    String token = tokens.token(PURPOSE, id, (byte[]) row.get()[1]);
    Instant expiresAt = ((OffsetDateTime) row.get()[2]).toInstant();
    AccountView account = accounts.get(accountId);
    ContactView contact = contacts.get(account.contactId());
    var mail =
        new OutgoingMail(
            new MailKey("password-reset", id, MailKind.PASSWORD_RESET, 0),
            account.email(),
            contact.displayName(),
            contact.language() == Language.en ? Locale.ENGLISH : Locale.FRENCH,
            new MailContent.PasswordReset(
                contact.displayName(), links.newPassword(token), expiresAt));
    for (int attempt = 0; ; attempt++) {
      try {
        outbox.send(mail);
        return;
      } catch (MailDeliveryException.Temporary e) {
        if (attempt >= RETRY_AFTER.length) {
          LOG.warn("Password reset {}: mail not sent, giving up: {}", id, e.getMessage());
          return;
        }
        sleep(RETRY_AFTER[attempt]);
      } catch (MailDeliveryException.Permanent e) {
        LOG.warn("Password reset {}: mail refused: {}", id, e.getMessage());
        return;
      }
    }
  }

  /** The live, unexpired reset behind a link, for the new-password page. Consumes nothing. */
  public Optional<LiveReset> findLive(String token) {
    if (!InvitationTokens.plausible(token)) {
      return Optional.empty();
    }
    return jdbc.sql(
            "select id, account_id from password_reset"
                + " where token_hash = ? and status = 'LIVE' and expires_at > ?")
        .param(InvitationTokens.hash(token))
        .param(utc(clock.instant()))
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .optional()
        .map(
            ids -> {
              AccountView account = accounts.get(ids[1]);
              return new LiveReset(
                  ids[0], ids[1], account.email(), contacts.get(account.contactId()).language());
            });
  }

  /**
   * Sets the new password and uses the link up, in one transaction under a row lock: a second
   * submit finds it USED. The account must still be active.
   */
  public Outcome complete(String token, String password, String confirmation) {
    Optional<LiveReset> live = findLive(token);
    if (live.isEmpty()) {
      return new Outcome.Dead();
    }
    var violation = policy.check(password, confirmation, live.get().email());
    if (violation.isPresent()) {
      return new Outcome.Refused(live.get(), violation.get());
    }
    String hash = passwords.encode(password);
    return transactions.execute(
        status -> {
          Instant now = clock.instant();
          var locked =
              jdbc.sql(
                      "select account_id from password_reset where token_hash = ?"
                          + " and status = 'LIVE' and expires_at > ? for update")
                  .param(InvitationTokens.hash(token))
                  .param(utc(now))
                  .query(Long.class)
                  .optional();
          if (locked.isEmpty()) {
            return new Outcome.Dead();
          }
          long accountId = locked.get();
          if (!accounts.get(accountId).active()) {
            return new Outcome.Dead();
          }
          jdbc.sql(
                  """
                  update password_reset set status = 'USED', used_at = :now, closed_at = :now
                  where token_hash = :hash and status = 'LIVE'
                  """)
              .param("now", utc(now))
              .param("hash", InvitationTokens.hash(token))
              .update();
          accounts.changePassword(accountId, hash, new Actor.Client(accountId));
          return new Outcome.Changed(accountId);
        });
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
