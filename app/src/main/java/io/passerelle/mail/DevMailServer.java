package io.passerelle.mail;

import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.passerelle.config.StartupConfigurationException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * A real SMTP server in the JVM (GreenMail) that receives every mail of the embedded mode, for the
 * development mailbox page and for the tests.
 */
public class DevMailServer implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(DevMailServer.class);

  private final GreenMail greenMail;
  private final ServerSetup setup;
  private final int port;
  // the SMTP service started again after a stop (listen(false), then listen(true)), if any
  private SmtpServer restarted;
  private boolean listening = true;
  // the number of each stored message, by identity (GreenMail keeps one object per stored mail)
  private final Map<StoredMessage, Long> ids = new IdentityHashMap<>();
  private long lastId;

  public DevMailServer(int port) {
    this.port = port;
    this.setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    setup.setServerStartupTimeout(5_000);
    this.greenMail = new GreenMail(setup);
    try {
      greenMail.start();
    } catch (RuntimeException e) {
      throw new StartupConfigurationException(
          "The development mailbox could not listen on SMTP port "
              + port
              + " ("
              + e.getMessage()
              + ")",
          "set PASSERELLE_DEV_MAIL_PORT to a free port, or 0 for any free port",
          e);
    }
    LOG.info("Development SMTP server listening on 127.0.0.1:{}", port);
  }

  public int port() {
    return port;
  }

  /**
   * Stops the SMTP service ({@code false}: connections to its port are refused, open ones closed,
   * as with a mail server that is down) or starts it again on the same port ({@code true}); the
   * mailbox keeps what it received. For the tests of an SMTP outage, in a context other tests
   * share: each switches it on again when done.
   */
  public synchronized void listen(boolean on) {
    if (on == listening) {
      return;
    }
    if (on) {
      SmtpServer smtp = new SmtpServer(setup, greenMail.getManagers());
      smtp.startService();
      try {
        if (!smtp.waitTillRunning(setup.getServerStartupTimeout())) {
          throw new IllegalStateException("The development SMTP server did not start again");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting the SMTP server again", e);
      }
      restarted = smtp;
      LOG.info("Development SMTP server listening again on 127.0.0.1:{}", port);
    } else {
      (restarted != null ? restarted : greenMail.getSmtp()).stopService();
      restarted = null;
      LOG.info("Development SMTP server stopped listening on 127.0.0.1:{}", port);
    }
    listening = on;
  }

  /** Every message received so far, oldest first. */
  public List<MimeMessage> messages() {
    return received().stream().map(Received::message).toList();
  }

  /**
   * Every message received so far, oldest first, each with a number of its own that never changes:
   * given once per stored message, in the order they arrived, and never given again (GreenMail
   * keeps mail per recipient, so its own order and positions shift as mail arrives).
   */
  public synchronized List<Received> received() {
    List<StoredMessage> stored =
        new ArrayList<>(greenMail.getManagers().getImapHostManager().getAllMessages());
    stored.sort(
        Comparator.comparing(StoredMessage::getReceivedDate)
            .thenComparing(m -> ids.getOrDefault(m, Long.MAX_VALUE)));
    List<Received> received = new ArrayList<>(stored.size());
    for (StoredMessage message : stored) {
      long id = ids.computeIfAbsent(message, m -> ++lastId);
      received.add(new Received(id, message.getMimeMessage()));
    }
    received.sort(Comparator.comparingLong(Received::id));
    return received;
  }

  /** The message of this number, if it is still in the mailbox. */
  public Optional<Received> find(long id) {
    return received().stream().filter(r -> r.id() == id).findFirst();
  }

  /** A received message and its number in the development mailbox. */
  public record Received(long id, MimeMessage message) {}

  /** Empties the mailbox; numbers go on from where they were. */
  public synchronized void purge() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
      ids.clear();
    } catch (com.icegreen.greenmail.store.FolderException e) {
      throw new IllegalStateException("Cannot empty the development mailbox", e);
    }
  }

  /** Waits until at least {@code count} messages have arrived; false on timeout. */
  public boolean waitForMessages(int count, long timeoutMillis) {
    return greenMail.waitForIncomingEmail(timeoutMillis, count);
  }

  static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      return "(unreadable subject)";
    }
  }

  @Override
  public void destroy() {
    LOG.info("Stopping the development SMTP server on port {}", port);
    synchronized (this) {
      if (restarted != null) {
        restarted.stopService();
      }
    }
    greenMail.stop();
  }
}
