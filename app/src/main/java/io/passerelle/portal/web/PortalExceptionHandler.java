package io.passerelle.portal.web;

import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.firm.FirmProperties;
import io.passerelle.portal.PortalPages;
import io.passerelle.portal.PortalTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The client pages answer a refusal with a readable page in the client's language, never with the
 * API's problem+json (whose handler applies to every controller otherwise); and tell a person whose
 * form came back after their session expired.
 */
@ControllerAdvice(
    assignableTypes = {
      ActivationController.class,
      AccessController.class,
      SignInController.class,
      SpaceController.class
    })
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PortalExceptionHandler.class);

  private final PortalTexts texts;
  private final FirmProperties firm;

  PortalExceptionHandler(PortalTexts texts, FirmProperties firm) {
    this.texts = texts;
    this.firm = firm;
  }

  /** Set when a form came back after the session expired (see ClientSecurityConfiguration). */
  @ModelAttribute("sessionExpired")
  boolean sessionExpired(HttpServletRequest request) {
    return request.getParameterMap().containsKey(PortalPages.SESSION_EXPIRED);
  }

  @ExceptionHandler(DomainException.class)
  String onDomainException(
      DomainException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
          case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    // no address and no link token in the logs: the path's tokens and the message's addresses
    // are masked
    LOG.info(
        "Client page {} refused: {} {}",
        request.getRequestURI().replaceAll("[A-Za-z0-9_-]{32,}", "…"),
        e.code(),
        EmailAddresses.maskAll(e.getMessage()));
    return page(status, request, response, model);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String onBadPath(HttpServletRequest request, HttpServletResponse response, Model model) {
    return page(HttpStatus.NOT_FOUND, request, response, model);
  }

  private String page(
      HttpStatus status, HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(status.value());
    model.addAttribute("t", texts.forRequest(request));
    model.addAttribute("firmName", firm.name());
    model.addAttribute("status", status.value());
    return "portal/error";
  }
}
