package io.passerelle.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request body limit ({@link WebProperties#maxBodySize()}), before anything reads the body: a
 * declared Content-Length above it is answered 413 at once (the body is not read; Tomcat drops the
 * connection rather than swallow a large rest); a body without a length (chunked) is counted as it
 * is read and refused with {@link TooLarge} once past it, which the API's handler answers 413.
 * Multipart uploads keep their own, larger limit. Registered first, for every path.
 */
final class BodySizeLimit extends OncePerRequestFilter {

  private final long max;
  private final long multipartMax;
  private final ErrorPages errors;

  /**
   * @param max the limit of every body but multipart ones
   * @param multipartMax the limit of a multipart body (-1: none here, the container's)
   */
  BodySizeLimit(long max, long multipartMax, ErrorPages errors) {
    this.max = max;
    this.multipartMax = multipartMax;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    long length = request.getContentLengthLong();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      // the container counts the parts against spring.servlet.multipart; a declared length past
      // that limit is refused here, before the container starts reading it
      if (multipartMax >= 0 && length > multipartMax) {
        refuse(request, response, multipartMax);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (length > max) {
      refuse(request, response, max);
      return;
    }
    chain.doFilter(length >= 0 ? request : new Counted(request, max), response);
  }

  /** 413 at once, without the error dispatch (which would parse a multipart body it refuses). */
  private void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
      throws IOException {
    response.setHeader("Connection", "close");
    errors.answer(
        request,
        response,
        HttpStatus.PAYLOAD_TOO_LARGE.value(),
        ApiErrors.PAYLOAD_TOO_LARGE.code(),
        "The request body is larger than " + limit + " bytes: send less.",
        ErrorPages.message(HttpStatus.PAYLOAD_TOO_LARGE.value()));
  }

  /** The body was longer than the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long max) {
      super("The request body is larger than " + max + " bytes");
    }
  }

  /** A body of unknown length, counted as it is read. */
  private static final class Counted extends HttpServletRequestWrapper {

    private final long max;
    private ServletInputStream in;

    Counted(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (in == null) {
        ServletInputStream delegate = super.getInputStream();
        in =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = delegate.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int off, int len) throws IOException {
                int n = delegate.read(buffer, off, len);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws IOException {
                read += n;
                if (read > max) {
                  throw new TooLarge(max);
                }
              }

              @Override
              public boolean isFinished() {
                return delegate.isFinished();
              }

              @Override
              public boolean isReady() {
                return delegate.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                delegate.setReadListener(listener);
              }
            };
      }
      return in;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      Charset charset =
          getCharacterEncoding() == null
              ? StandardCharsets.UTF_8
              : Charset.forName(getCharacterEncoding());
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
