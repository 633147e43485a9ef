package io.passerelle.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP peer that answers every RCPT TO with one reply chosen by the test (e.g. {@code 550 5.1.1
 * No such user} or {@code 451 4.3.0 Try again later}), speaking enough of RFC 5321 for Jakarta
 * Mail. GreenMail accepts every recipient; this is how a test meets a server that refuses.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final String rcptReply;
  private final Thread acceptor;
  private final AtomicInteger rcptCommands = new AtomicInteger();

  public ScriptedSmtpServer(String rcptReply) throws IOException {
    this.rcptReply = rcptReply;
    this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** How many RCPT TO commands the server has answered. */
  public int rcptCommands() {
    return rcptCommands.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread.ofVirtual().start(() -> converse(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket client) {
    try (client;
        var in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
      reply(out, "220 scripted.test ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
        switch (verb) {
          case "EHLO", "HELO" -> reply(out, "250 scripted.test");
          case "MAIL" -> reply(out, "250 2.1.0 OK");
          case "RCPT" -> {
            rcptCommands.incrementAndGet();
            reply(out, rcptReply);
          }
          case "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
          case "QUIT" -> {
            reply(out, "221 2.0.0 Bye");
            return;
          }
          default -> reply(out, "502 5.5.1 Not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
