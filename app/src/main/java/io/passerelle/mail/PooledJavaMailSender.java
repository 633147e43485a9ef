package io.passerelle.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Spring's {@link JavaMailSenderImpl} opens an SMTP connection for every {@code send} and closes it
 * afterwards: greeting, EHLO and QUIT, and on a real server STARTTLS and AUTH, for each mail. This
 * one keeps a few connections open between sends and hands each to one sender at a time:
 *
 * <ul>
 *   <li>a connection idle for more than {@link #CHECK_AFTER_IDLE_MILLIS} is checked (NOOP) before
 *       use, one idle for more than {@link #MAX_IDLE_MILLIS} is closed;
 *   <li>a connection is closed after {@link #MAX_MESSAGES_PER_CONNECTION} messages (servers limit
 *       them);
 *   <li>a connection that fails is closed. When a reused connection fails without an SMTP reply
 *       (the server closed it meanwhile), the message is sent once more on a new connection;
 *   <li>at most {@link #MAX_IDLE_CONNECTIONS} wait in the pool; the others are closed.
 * </ul>
 *
 * Failures are reported as {@link JavaMailSenderImpl} reports them ({@link MailSendException} with
 * the failed messages, {@link MailAuthenticationException}), so callers tell permanent from
 * temporary ones the same way ({@link SmtpFailures}).
 */
public class PooledJavaMailSender extends JavaMailSenderImpl implements DisposableBean {

  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader on every MIME operation
    // (several per mail), scanning every nested jar of the Spring Boot jar each time (about a
    // tenth of the CPU of sending a mail): name Angus Mail's once.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  static final int MAX_IDLE_CONNECTIONS = 8;
  static final int MAX_MESSAGES_PER_CONNECTION = 100;
  static final long CHECK_AFTER_IDLE_MILLIS = 5_000;
  static final long MAX_IDLE_MILLIS = 60_000;

  /** A connected transport, its last use and how many messages it carried. */
  private static final class Connection {
    final Transport transport;
    long lastUsedMillis = System.currentTimeMillis();
    int messages;

    Connection(Transport transport) {
      this.transport = transport;
    }
  }

  private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
  private final AtomicLong opened = new AtomicLong();

  /** Connections opened since the start (a figure for the benchmark and the tests). */
  public long connectionsOpened() {
    return opened.get();
  }

  @Override
  protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages)
      throws MailException {
    Map<Object, Exception> failedMessages = new LinkedHashMap<>();
    Connection connection = null;
    try {
      for (int i = 0; i < mimeMessages.length; i++) {
        MimeMessage message = mimeMessages[i];
        Object original = originalMessages != null ? originalMessages[i] : message;
        boolean reused = true;
        if (connection == null) {
          connection = borrow();
          if (connection == null) {
            connection = open(mimeMessages, originalMessages, i, failedMessages);
            reused = false;
          }
        }
        try {
          prepare(message);
          send(connection, message);
        } catch (MessagingException e) {
          close(connection);
          connection = null;
          if (!reused || SmtpFailures.replyCode(e) >= 0) {
            failedMessages.put(original, e);
            continue;
          }
          // the server closed the idle connection under us: once more on a new one
          connection = open(mimeMessages, originalMessages, i, failedMessages);
          try {
            send(connection, message);
          } catch (MessagingException again) {
            close(connection);
            connection = null;
            failedMessages.put(original, again);
          }
        }
      }
    } finally {
      if (connection != null) {
        giveBack(connection);
      }
    }
    if (!failedMessages.isEmpty()) {
      throw new MailSendException(failedMessages);
    }
  }

  @Override
  public void destroy() {
    Connection connection;
    while ((connection = idle.pollFirst()) != null) {
      close(connection);
    }
  }

  private static void prepare(MimeMessage message) throws MessagingException {
    if (message.getSentDate() == null) {
      message.setSentDate(new Date());
    }
    String messageId = message.getMessageID();
    message.saveChanges();
    if (messageId != null) {
      // saveChanges makes up a new Message-ID: keep the caller's
      message.setHeader("Message-ID", messageId);
    }
  }

  private static void send(Connection connection, MimeMessage message) throws MessagingException {
    Address[] addresses = message.getAllRecipients();
    connection.transport.sendMessage(message, addresses != null ? addresses : new Address[0]);
    connection.messages++;
    connection.lastUsedMillis = System.currentTimeMillis();
  }

  /** A pooled connection fit for use, or null when none is. */
  private Connection borrow() {
    Connection connection;
    while ((connection = idle.pollFirst()) != null) {
      long idleFor = System.currentTimeMillis() - connection.lastUsedMillis;
      if (idleFor > MAX_IDLE_MILLIS
          || (idleFor > CHECK_AFTER_IDLE_MILLIS && !connection.transport.isConnected())) {
        // too old, or the server no longer answers (isConnected sends a NOOP)
        close(connection);
      } else {
        return connection;
      }
    }
    return null;
  }

  /** Opens a new connection; when that fails, this and every following message failed. */
  private Connection open(
      MimeMessage[] mimeMessages,
      Object[] originalMessages,
      int from,
      Map<Object, Exception> failedMessages) {
    try {
      Transport transport = connectTransport();
      opened.incrementAndGet();
      return new Connection(transport);
    } catch (AuthenticationFailedException e) {
      throw new MailAuthenticationException(e);
    } catch (Exception e) {
      for (int j = from; j < mimeMessages.length; j++) {
        failedMessages.put(originalMessages != null ? originalMessages[j] : mimeMessages[j], e);
      }
      throw new MailSendException("Mail server connection failed", e, failedMessages);
    }
  }

  private void giveBack(Connection connection) {
    if (connection.messages >= MAX_MESSAGES_PER_CONNECTION
        || idle.size() >= MAX_IDLE_CONNECTIONS
        || !idle.offerFirst(connection)) {
      close(connection);
    }
  }

  private static void close(Connection connection) {
    try {
      connection.transport.close();
    } catch (MessagingException | RuntimeException e) {
      // closing a broken connection: nothing to do
    }
  }
}
