package io.passerelle.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: the request lines an HTTP client library
 * would refuse or repair ({@code //}, {@code %2F}, {@code %zz}, a 30 kB header, a body announced
 * larger than it is) reach the server as an attacker sends them.
 */
final class RawHttp {

  /** What came back. */
  record Response(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String contentType() {
      String type = header("Content-Type");
      return type == null ? "" : type;
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  static String basic(String username, String password) {
    return "Authorization: Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
        + "\r\n";
  }

  Response get(String target, String extraHeaders) throws IOException {
    return send(
        "GET "
            + target
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + extraHeaders
            + "Connection: close\r\n\r\n",
        null,
        0);
  }

  /**
   * Sends the head, then {@code bodyBytes} bytes of body (which may be fewer than the head's
   * Content-Length announces), then reads the answer until the server closes.
   */
  Response send(String head, byte[] bodyChunk, int bodyBytes) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      int sent = 0;
      try {
        while (bodyChunk != null && sent < bodyBytes) {
          int n = Math.min(bodyChunk.length, bodyBytes - sent);
          out.write(bodyChunk, 0, n);
          sent += n;
        }
        out.flush();
      } catch (IOException closedByServer) {
        // the server answered and closed before the whole body was sent: read its answer
      }
      return read(socket.getInputStream());
    }
  }

  /**
   * Reads one answer: its head, then its body by Content-Length or chunks, or until the server
   * closes — not past the answer, since a server that answered early may still wait for the rest of
   * a body it will never read.
   */
  private static Response read(InputStream in) throws IOException {
    var buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    while (true) {
      Response complete = parse(buffer.toByteArray(), false);
      if (complete != null) {
        return complete;
      }
      int n;
      try {
        n = in.read(chunk);
      } catch (java.net.SocketException reset) {
        n = -1;
      }
      if (n < 0) {
        Response last = parse(buffer.toByteArray(), true);
        if (last == null) {
          throw new IOException("no HTTP answer: " + buffer.toString(StandardCharsets.ISO_8859_1));
        }
        return last;
      }
      buffer.write(chunk, 0, n);
    }
  }

  /** The answer, if {@code bytes} hold all of it ({@code closed}: nothing more will come). */
  private static Response parse(byte[] bytes, boolean closed) {
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      return null;
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    int at = end + 4;
    var body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        int lineEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
        if (lineEnd < 0) {
          return closed
              ? new Response(status, headers, body.toString(StandardCharsets.UTF_8))
              : null;
        }
        String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
        int size = Integer.parseInt(sizeText.split(";")[0].strip(), 16);
        if (size == 0) {
          return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
        }
        if (lineEnd + 2 + size > bytes.length) {
          return closed
              ? new Response(status, headers, body.toString(StandardCharsets.UTF_8))
              : null;
        }
        body.write(bytes, lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
      }
    }
    String length = headers.get("content-length");
    if (length != null) {
      int expected = Integer.parseInt(length);
      if (bytes.length - at < expected && !closed) {
        return null;
      }
      body.write(bytes, at, Math.min(expected, bytes.length - at));
      return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }
    if (!closed) {
      return null;
    }
    body.write(bytes, at, bytes.length - at);
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] bytes, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= bytes.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
