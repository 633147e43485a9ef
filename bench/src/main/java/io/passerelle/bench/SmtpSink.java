package io.passerelle.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real SMTP server on loopback that accepts every message and keeps only what the benchmark
 * counts: each Message-ID with the instant the server accepted it (the moment it answers {@code
 * 250} to the end of DATA), how many times it came, and how many connections were opened. Bodies
 * are dropped (but the first invitation, kept as the baseline's template), so that a hundred
 * thousand mails cost the benchmark a few megabytes, not gigabytes.
 */
final class SmtpSink implements AutoCloseable {

  /** One Message-ID: when it was first accepted (epoch microseconds) and how often it came. */
  static final class Received {
    final long firstAcceptedMicros;
    final AtomicLong count = new AtomicLong();

    Received(long firstAcceptedMicros) {
      this.firstAcceptedMicros = firstAcceptedMicros;
    }
  }

  /** The kind whose first message is kept whole: the baseline sends the same text. */
  static final String TEMPLATE_KIND = "invitation";

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Received> received = new ConcurrentHashMap<>();
  private final Map<String, byte[]> firstOfKind = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> distinctByKind = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastByKind = new ConcurrentHashMap<>();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong withoutMessageId = new AtomicLong();
  private final AtomicLong connectionCount = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean open = true;

  SmtpSink() throws IOException {
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofPlatform().name("smtp-sink-accept").daemon().start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Messages accepted so far, duplicates included. */
  long messages() {
    return messages.get();
  }

  long connections() {
    return connectionCount.get();
  }

  long withoutMessageId() {
    return withoutMessageId.get();
  }

  /** The Message-ID's reception, or null when it never came. */
  Received get(String messageId) {
    return received.get(messageId);
  }

  /** How many distinct Message-IDs of that kind came ({@link #kindOf}). */
  long distinct(String kind) {
    AtomicLong count = distinctByKind.get(kind);
    return count == null ? 0 : count.get();
  }

  /** Messages accepted more than once (sum of the extra copies), all kinds. */
  long duplicates() {
    return received.values().stream().mapToLong(r -> Math.max(0, r.count.get() - 1)).sum();
  }

  /** Messages of that kind accepted more than once (sum of the extra copies). */
  long duplicates(String kind) {
    return received.entrySet().stream()
        .filter(e -> kindOf(e.getKey()).equals(kind))
        .mapToLong(e -> Math.max(0, e.getValue().count.get() - 1))
        .sum();
  }

  /** The latest first acceptance of a message of that kind, epoch microseconds (0 if none). */
  long lastAccepted(String kind) {
    AtomicLong last = lastByKind.get(kind);
    return last == null ? 0 : last.get();
  }

  /** Waits until {@code expected} distinct messages of that kind came, or the deadline passes. */
  boolean await(String kind, long expected, Instant deadline, Runnable stillThere)
      throws InterruptedException {
    while (Instant.now().isBefore(deadline)) {
      if (distinct(kind) >= expected) {
        return true;
      }
      stillThere.run();
      Thread.sleep(20);
    }
    return distinct(kind) >= expected;
  }

  /** The whole first invitation received (headers and body, dots unstuffed), or null. */
  byte[] template() {
    return firstOfKind.get(TEMPLATE_KIND);
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /**
   * The kind of a Passerelle Message-ID: {@code <invitation.invitation-42.0@…>} gives invitation.
   */
  static String kindOf(String messageId) {
    int dot = messageId.indexOf('.');
    return dot < 1 ? "" : messageId.substring(1, dot);
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
        connectionCount.incrementAndGet();
        connections.submit(() -> serve(socket));
      } catch (IOException e) {
        if (open) {
          System.err.println("smtp sink: accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 passerelle-bench ESMTP sink");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        String command = line.length() < 4 ? line : line.substring(0, 4);
        switch (command.toUpperCase(Locale.ROOT)) {
          case "EHLO" -> reply(out, "250-passerelle-bench\r\n250-8BITMIME\r\n250 SIZE 52428800");
          case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>");
            if (!data(in, out)) {
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
      // the client went away: nothing to count
    }
  }

  /** Reads one message up to the lone dot, records it, answers 250; false if the peer left. */
  private boolean data(InputStream in, OutputStream out) throws IOException {
    String messageId = null;
    boolean inHeaders = true;
    // the whole text is kept only until the baseline has its template
    List<String> lines = firstOfKind.containsKey(TEMPLATE_KIND) ? null : new ArrayList<>();
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
      if (lines != null) {
        lines.add(line.startsWith("..") ? line.substring(1) : line);
      }
    }
    long accepted = nowMicros();
    messages.incrementAndGet();
    if (messageId == null) {
      withoutMessageId.incrementAndGet();
    } else {
      String kind = kindOf(messageId);
      Received first = new Received(accepted);
      Received known = received.putIfAbsent(messageId, first);
      (known == null ? first : known).count.incrementAndGet();
      if (known == null) {
        distinctByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        lastByKind
            .computeIfAbsent(kind, k -> new AtomicLong())
            .accumulateAndGet(accepted, Math::max);
      }
      if (lines != null && TEMPLATE_KIND.equals(kind)) {
        var whole = new ByteArrayOutputStream();
        for (String kept : lines) {
          whole.write(kept.getBytes(StandardCharsets.ISO_8859_1));
          whole.write('\r');
          whole.write('\n');
        }
        firstOfKind.putIfAbsent(TEMPLATE_KIND, whole.toByteArray());
      }
    }
    reply(out, "250 OK queued");
    return true;
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line without its CRLF, bytes as ISO-8859-1 (headers are ASCII); null at the end. */
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
