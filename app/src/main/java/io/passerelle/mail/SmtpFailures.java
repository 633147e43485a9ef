package io.passerelle.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a permanent SMTP failure (5xx reply, an address the server refuses) from a temporary one
 * (4xx reply, server down or slow, broken connection), looking through Spring's and Jakarta Mail's
 * nested exceptions.
 */
final class SmtpFailures {

  private SmtpFailures() {}

  /** The SMTP reply code found in the failure, or -1 when the server never answered one. */
  static int replyCode(Throwable failure) {
    for (Throwable t : causes(failure)) {
      if (t instanceof SMTPAddressFailedException e) {
        return e.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException e) {
        return e.getReturnCode();
      }
      if (t instanceof SMTPSenderFailedException e) {
        return e.getReturnCode();
      }
    }
    return -1;
  }

  static boolean isPermanent(Throwable failure) {
    int code = replyCode(failure);
    if (code >= 500 && code < 600) {
      return true;
    }
    if (code >= 400) {
      return false;
    }
    for (Throwable t : causes(failure)) {
      if (t instanceof SendFailedException e
          && e.getInvalidAddresses() != null
          && e.getInvalidAddresses().length > 0) {
        return true;
      }
    }
    return false;
  }

  /** One line for the send log and the job's error message. */
  static String describe(Throwable failure) {
    Throwable deepest = failure;
    for (Throwable t : causes(failure)) {
      deepest = t;
    }
    String message = deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
    return Headers.clean(message, 900);
  }

  private static Iterable<Throwable> causes(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Deque<Throwable> queue = new ArrayDeque<>();
    java.util.List<Throwable> all = new java.util.ArrayList<>();
    queue.add(failure);
    while (!queue.isEmpty()) {
      Throwable t = queue.poll();
      if (t == null || seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      all.add(t);
      if (t.getCause() != null) {
        queue.add(t.getCause());
      }
      if (t instanceof MessagingException m && m.getNextException() != null) {
        queue.add(m.getNextException());
      }
      if (t instanceof MailSendException m) {
        queue.addAll(m.getFailedMessages().values());
      }
    }
    return all;
  }
}
