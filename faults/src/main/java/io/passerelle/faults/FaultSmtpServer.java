package io.passerelle.faults;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server on loopback that the fault suite runs and can make misbehave:
 *
 * <ul>
 *   <li>{@link #refuse(boolean)}: every new connection is answered {@code 421} (service not
 *       available) and closed, as a mail server under maintenance does;
 *   <li>{@link #stall(int, long)}: the next messages are held after their DATA before the {@code
 *       250} (the client's job outlives its time-out meanwhile).
 * </ul>
 *
 * It records every accepted message by Message-ID: how many copies came, to whom (RCPT TO), and for
 * an invitation the activation link (read from its text part), which the suite follows to activate
 * accounts. Bodies are not kept.
 */
public final class FaultSmtpServer implements AutoCloseable {

  private static final Pattern ACTIVATION = Pattern.compile("/activation/([A-Za-z0-9_-]+)");

  /** Passerelle's Message-IDs: {@code <first-reminder.invitation-42.0@domain>}. */
  private static final Pattern PASSERELLE_ID =
      Pattern.compile("<([a-z-]+)\\.([a-z-]+)-(\\d+)\\.(\\d+)@[^>]+>");

  /** One Message-ID as received. */
  public static final class Received {
    public final String messageId;
    public final String kind;
    public final long subjectId;
    public final String recipient;
    public final String activationToken;
    final AtomicInteger copies = new AtomicInteger();
    final List<Long> copyInstants = new java.util.concurrent.CopyOnWriteArrayList<>();

    Received(String messageId, String recipient, String activationToken) {
      this.messageId = messageId;
      Matcher matcher = PASSERELLE_ID.matcher(messageId);
      boolean ours = matcher.matches();
      this.kind = ours ? matcher.group(1) : "";
      this.subjectId = ours ? Long.parseLong(matcher.group(3)) : -1;
      this.recipient = recipient;
      this.activationToken = activationToken;
    }

    public int copies() {
      return copies.get();
    }

    /** When each copy was accepted, epoch milliseconds. */
    public List<Long> copyInstants() {
      return List.copyOf(copyInstants);
    }
  }

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Received> received = new ConcurrentHashMap<>();
  private final AtomicLong refusedConnections = new AtomicLong();
  private final AtomicLong stalledMessages = new AtomicLong();
  private final AtomicInteger toStall = new AtomicInteger();
  private volatile long stallMillis;
  private volatile boolean refusing;
  private volatile boolean open = true;

  public FaultSmtpServer() throws IOException {
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().name("fault-smtp-accept").daemon().start(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** While on, every new connection gets {@code 421} and is closed. */
  public void refuse(boolean on) {
    refusing = on;
  }

  /** Holds the next {@code messages} messages for {@code millis} before answering 250. */
  public void stall(int messages, long millis) {
    stallMillis = millis;
    toStall.set(messages);
  }

  /** Messages held so far (a held one is being held or was). */
  public long stalledMessages() {
    return stalledMessages.get();
  }

  public long refusedConnections() {
    return refusedConnections.get();
  }

  /** Every Message-ID received so far. */
  public List<Received> all() {
    return List.copyOf(received.values());
  }

  public Received get(String messageId) {
    return received.get(messageId);
  }

  /** Distinct Message-IDs of that kind ({@code invitation}, {@code first-reminder}...). */
  public long distinct(String kind) {
    return received.values().stream().filter(r -> r.kind.equals(kind)).count();
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
    connections.shutdownNow();
  }

  private void acceptLoop() {
    while (open) {
      try {
        Socket socket = server.accept();
        connections.submit(() -> serve(socket));
      } catch (IOException e) {
        if (open) {
          System.err.println("fault smtp: accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        OutputStream out = socket.getOutputStream()) {
      if (refusing) {
        refusedConnections.incrementAndGet();
        reply(out, "421 4.3.2 passerelle-faults: service not available, try again later");
        return;
      }
      reply(out, "220 passerelle-faults ESMTP");
      String recipient = null;
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        if (refusing) {
          // an open (pooled) connection is refused too, at its next command
          refusedConnections.incrementAndGet();
          reply(out, "421 4.3.2 passerelle-faults: service not available, closing");
          return;
        }
        String command = line.length() < 4 ? line : line.substring(0, 4);
        switch (command.toUpperCase(Locale.ROOT)) {
          case "EHLO" -> reply(out, "250-passerelle-faults\r\n250-8BITMIME\r\n250 SIZE 52428800");
          case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
          case "RCPT" -> {
            recipient = address(line);
            reply(out, "250 OK");
          }
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>");
            if (!data(in, out, recipient)) {
              return;
            }
          }
          case "QUIT" -> {
            reply(out, "221 Bye");
            return;
          }
          default -> reply(out, "502 Command not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** {@code RCPT TO:<a@b>} gives {@code a@b}, lower-case. */
  static String address(String line) {
    int lt = line.indexOf('<');
    int gt = line.indexOf('>', lt + 1);
    String address = lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line.substring(8).strip();
    return address.toLowerCase(Locale.ROOT);
  }

  private boolean data(InputStream in, OutputStream out, String recipient) throws IOException {
    var whole = new ByteArrayOutputStream(16 * 1024);
    String messageId = null;
    boolean inHeaders = true;
    while (true) {
      String line = readLine(in);
      if (line == null) {
        return false;
      }
      if (line.equals(".")) {
        break;
      }
      if (inHeaders) {
        if (line.isEmpty()) {
          inHeaders = false;
        } else if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
          messageId = line.substring(11).strip();
        }
      }
      String unstuffed = line.startsWith("..") ? line.substring(1) : line;
      whole.write(unstuffed.getBytes(StandardCharsets.ISO_8859_1));
      whole.write('\r');
      whole.write('\n');
    }
    if (toStall.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      stalledMessages.incrementAndGet();
      try {
        Thread.sleep(stallMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    // accepted from here: the message counts even if the client never reads the 250
    String id = messageId == null ? "<none-" + System.nanoTime() + ">" : messageId;
    byte[] bytes = whole.toByteArray();
    String to = recipient;
    Received entry = received.computeIfAbsent(id, k -> new Received(k, to, tokenOf(k, bytes)));
    entry.copyInstants.add(System.currentTimeMillis());
    entry.copies.incrementAndGet();
    reply(out, "250 OK queued");
    return true;
  }

  /**
   * One mail session for every message parsed: a new one per message scans the class path for
   * providers, which inside the suite's executable jar goes through one lock; a burst of
   * invitations then waited on it past the application's SMTP read timeout (no mail accepted at
   * all).
   */
  private static final Session PARSING = Session.getInstance(new Properties());

  /** The activation token of an invitation's text part, or null. */
  static String tokenOf(String messageId, byte[] message) {
    if (!messageId.startsWith("<invitation.")) {
      return null;
    }
    try {
      var mime = new MimeMessage(PARSING, new ByteArrayInputStream(message));
      Matcher matcher = ACTIVATION.matcher(text(mime));
      return matcher.find() ? matcher.group(1) : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String text(Part part) throws Exception {
    if (part.isMimeType("text/*")) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      var text = new StringBuilder();
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        text.append(text(body)).append('\n');
      }
      return text.toString();
    }
    return "";
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new StringBuilder(80);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
    return line.isEmpty() ? null : line.toString();
  }
}
