package io.passerelle.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's last word, in Passerelle's voice: what the servlet never saw — a request the connector
 * refused (an encoded {@code /}, a malformed escape, a header past {@code
 * server.max-http-request-header-size}) or an error page that failed in turn (the firewall refusing
 * the {@code /error} dispatch of {@code /activation//}) — is answered like {@link ErrorPages}
 * would: problem+json with a {@code code} under {@code /api/}, a small French page elsewhere, never
 * Tomcat's report. It replaces the host's {@code ErrorReportValve} ({@link
 * RequestLimitsConfiguration}).
 */
public class ErrorReportValve extends org.apache.catalina.valves.ErrorReportValve {

  public ErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String uri = request.getRequestURI();
    boolean api = uri != null && ErrorPages.isApi(uri);
    String code = ErrorPages.defaultCode(status);
    try {
      response.setCharacterEncoding("UTF-8");
      String body;
      if (api) {
        response.setContentType(Problems.MEDIA_TYPE);
        body = Problems.json(Problems.of(status, code, ErrorPages.detail(status)));
      } else {
        response.setContentType("text/html");
        body =
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Une erreur est survenue — Passerelle</title>"
                + "<link rel=\"stylesheet\" href=\"/css/passerelle.css\"></head>\n<body>"
                + "<header class=\"topbar\"><strong>Passerelle</strong></header>\n"
                + "<main data-code=\""
                + code
                + "\"><h1>"
                + (status == 400 ? "Demande incorrecte" : "Une erreur est survenue")
                + "</h1><p>"
                + ErrorPages.message(status)
                + "</p><p class=\"hint\">Code "
                + status
                + ". <a href=\"/\">Revenir à l’accueil</a></p></main>\n</body>\n</html>\n";
      }
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone, or the response cannot be written: nothing more to say
    }
  }
}
