package io.passerelle.portal;

import io.passerelle.contact.ContactEmailChanged;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.Language;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.mail.MailContent;
import io.passerelle.mail.MailDeliveryException;
import io.passerelle.mail.MailKey;
import io.passerelle.mail.MailKind;
import io.passerelle.mail.MailOutbox;
import io.passerelle.mail.OutgoingMail;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When an ACTIVE client space's login (its e-mail) changes ({@link
 * ContactEmailChanged#activeLoginChanged()}): in the transaction of the change, every session of
 * the account ends ({@link ClientSessions#endAll}) and every live password-reset link dies ({@link
 * PasswordResets#revokeAll}); after the commit, the former address is told (LOGIN_CHANGED, keyed by
 * the account and its new session generation: one mail per change), in the contact's language, with
 * the new address masked.
 */
@Component
class LoginChanges {

  private static final Logger LOG = LoggerFactory.getLogger(LoginChanges.class);
  private static final Duration[] RETRY_AFTER = {Duration.ofSeconds(2), Duration.ofSeconds(10)};

  private final ClientSessions sessions;
  private final PasswordResets resets;
  private final ContactService contacts;
  private final MailOutbox outbox;
  private final BackgroundWork background;

  LoginChanges(
      ClientSessions sessions,
      PasswordResets resets,
      ContactService contacts,
      MailOutbox outbox,
      BackgroundWork background) {
    this.sessions = sessions;
    this.resets = resets;
    this.contacts = contacts;
    this.outbox = outbox;
    this.background = background;
  }

  @EventListener
  void onEmailChanged(ContactEmailChanged changed) {
    if (!changed.activeLoginChanged() || changed.accountId() == null) {
      return;
    }
    long accountId = changed.accountId();
    int generation = sessions.endAll(accountId);
    int revoked = resets.revokeAll(accountId);
    LOG.info(
        "Client account {}: login changed, sessions ended, {} reset link(s) revoked",
        accountId,
        revoked);
    String previous = changed.previousEmail();
    long contactId = changed.contactId();
    Runnable tell =
        () ->
            background.submit(
                "login change notice", () -> tell(previous, contactId, accountId, generation));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              tell.run();
            }
          });
    } else {
      tell.run();
    }
  }

  private void tell(String previousEmail, long contactId, long accountId, int generation) {
    ContactView contact = contacts.get(contactId);
    var mail =
        new OutgoingMail(
            new MailKey("account", accountId, MailKind.LOGIN_CHANGED, generation),
            previousEmail,
            contact.displayName(),
            contact.language() == Language.en ? Locale.ENGLISH : Locale.FRENCH,
            new MailContent.LoginChanged(
                contact.displayName(), EmailAddresses.mask(contact.email())));
    for (int attempt = 0; ; attempt++) {
      try {
        outbox.send(mail);
        return;
      } catch (MailDeliveryException.Temporary e) {
        if (attempt >= RETRY_AFTER.length) {
          LOG.warn(
              "Account {}: login change notice not sent, giving up: {}", accountId, e.getMessage());
          return;
        }
        try {
          Thread.sleep(RETRY_AFTER[attempt]);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      } catch (MailDeliveryException.Permanent e) {
        LOG.warn("Account {}: login change notice refused: {}", accountId, e.getMessage());
        return;
      }
    }
  }
}
