package io.passerelle.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.passerelle.config.StartupConfigurationException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
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
  private final int port;

  public DevMailServer(int port) {
    this.port = port;
    var setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
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

  /** Every message received so far, oldest first. */
  public List<MimeMessage> messages() {
    return List.of(greenMail.getReceivedMessages());
  }

  /** Empties the mailbox. */
  public void purge() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
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
    greenMail.stop();
  }
}
