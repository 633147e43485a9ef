package io.passerelle.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The application's answer to every error that no controller advice answered: the container's error
 * dispatch (a {@code sendError} of Spring MVC — 404, 405, 406, 415 —, of Spring Security — a CSRF
 * failure, a URL the firewall refuses —, of a filter — 413 —, or an exception that escaped) comes
 * here. Under {@code /api/} it is problem+json with a stable {@code code}; elsewhere the French
 * error page. Never a stack trace, Spring's white-label page or Tomcat's report (the connector's
 * own rejections go through {@link ErrorReportValve}).
 *
 * <p>A filter may set {@link #CODE} and {@link #MESSAGE} (French, for the page) as request
 * attributes before {@code sendError}: they are used instead of the status's defaults.
 */
@Controller
public class ErrorPages implements ErrorController {

  static final String CODE = ErrorPages.class.getName() + ".code";
  static final String MESSAGE = ErrorPages.class.getName() + ".message";
  static final String DETAIL = ErrorPages.class.getName() + ".detail";

  private final SpringTemplateEngine templates;

  ErrorPages(SpringTemplateEngine templates) {
    this.templates = templates;
  }

  /** Spring Security's refusals on staff pages: a readable page, CSRF failures said as such. */
  public static void accessDenied(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (e instanceof CsrfException) {
      request.setAttribute(CODE, "CSRF_REJECTED");
      request.setAttribute(
          MESSAGE,
          "Ce formulaire n’est plus valable (la session a expiré, ou la page est restée ouverte"
              + " trop longtemps) : rechargez la page, puis recommencez.");
      request.setAttribute(
          DETAIL, "The form's CSRF token is missing or no longer valid: reload the page.");
    } else {
      request.setAttribute(CODE, "FORBIDDEN");
    }
    response.sendError(HttpStatus.FORBIDDEN.value());
  }

  @RequestMapping("${server.error.path:/error}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = statusAttribute instanceof Integer code ? code : HttpStatus.NOT_FOUND.value();
    for (Object t = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        t instanceof Throwable thrown;
        t = thrown.getCause()) {
      if (thrown instanceof BodySizeLimit.TooLarge) {
        status = HttpStatus.PAYLOAD_TOO_LARGE.value();
        break;
      }
    }
    Object uriAttribute = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = uriAttribute instanceof String text ? text : request.getRequestURI();
    String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    String code = request.getAttribute(CODE) instanceof String given ? given : defaultCode(status);
    String detail = request.getAttribute(DETAIL) instanceof String given ? given : detail(status);
    String message =
        request.getAttribute(MESSAGE) instanceof String given ? given : message(status);
    answer(request, response, uri, path, status, code, detail, message);
  }

  /**
   * Answers at once, without the container's error dispatch (a filter that must not let the request
   * go further: the dispatch would parse a multipart body it refuses).
   */
  void answer(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String code,
      String detail,
      String message)
      throws IOException {
    String uri = request.getRequestURI();
    String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    answer(request, response, uri, path, status, code, detail, message);
  }

  private void answer(
      HttpServletRequest request,
      HttpServletResponse response,
      String uri,
      String path,
      int status,
      String code,
      String detail,
      String message)
      throws IOException {
    response.setStatus(status);
    if (isApi(path)) {
      Problems.write(response, Problems.at(Problems.of(status, code, detail), uri));
      return;
    }
    writePage(request, response, status, code, message);
  }

  static boolean isApi(String path) {
    return path.equals("/api") || path.startsWith("/api/");
  }

  /**
   * Writes the whole page with its length and flushes it: a client still sending a body the server
   * will not read (a 413) gets it at once, before Tomcat drops the connection ({@link
   * Problems#write} does the same for problem+json).
   */
  private static void send(HttpServletResponse response, byte[] bytes) throws IOException {
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.flushBuffer();
  }

  private void writePage(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String code,
      String message)
      throws IOException {
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    var exchange =
        JakartaServletWebApplication.buildApplication(request.getServletContext())
            .buildExchange(request, response);
    var context = new WebContext(exchange, Locale.FRENCH);
    context.setVariable("status", status);
    context.setVariable("message", message);
    context.setVariable("code", code);
    send(response, templates.process("error", context).getBytes(StandardCharsets.UTF_8));
  }

  static String defaultCode(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null) {
      return "ERROR";
    }
    return known == HttpStatus.INTERNAL_SERVER_ERROR ? "INTERNAL_ERROR" : known.name();
  }

  static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed (its URL, a header or a parameter).";
      case 401 -> "Sign in with a staff username and password (HTTP Basic).";
      case 403 -> "You are signed in but may not do this.";
      case 404 -> "Nothing is found at this address.";
      case 405 -> "This address does not take this method (see the Allow header).";
      case 406 -> "This resource is not available in the media type asked for (Accept).";
      case 413 -> "The request body is larger than this server accepts.";
      case 415 -> "The request body's Content-Type is not accepted here (send application/json).";
      case 429 -> "Too many requests: try again later (Retry-After).";
      default ->
          status >= 500
              ? "An unexpected error occurred: try again later; if it lasts, tell the firm's"
                  + " administrator."
              : "The request cannot be answered.";
    };
  }

  static String message(int status) {
    return switch (status) {
      case 400 -> "La demande est incorrecte (adresse mal formée ou paramètre non valable).";
      case 401 -> "Connectez-vous pour accéder à cette page.";
      case 403 -> "Vous n’avez pas accès à cette page.";
      case 404 -> "Cette page n’existe pas (ou plus).";
      case 405 -> "Cette adresse n’accepte pas cette action.";
      case 406 -> "Le format demandé n’est pas disponible pour cette page.";
      case 413 -> "La demande est trop volumineuse.";
      case 415 -> "Le format des données envoyées n’est pas accepté.";
      case 429 -> "Trop de demandes : réessayez dans quelques minutes.";
      default ->
          status >= 500
              ? "Une erreur inattendue est survenue. Réessayez un peu plus tard ; si elle"
                  + " persiste, prévenez l’administrateur du cabinet."
              : "La demande n’a pas pu aboutir.";
    };
  }
}
