package io.passerelle.support;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.unbescape.html.HtmlEscape;

/**
 * What the web slices ({@link WebSliceTest}) share: the signed-in member (on the API, on the
 * pages), a JSON request, the API's 401 and Bean Validation's 400 with its field errors, the pages'
 * sign-in redirection, CSRF refusal and readable error page.
 */
public final class WebSlices {

  private WebSlices() {}

  /**
   * An active staff member signed in, {@code first.last} at the firm (the password is never checked
   * in a slice: the principal is given per request with {@code with(user(...))}).
   */
  public static StaffPrincipal member(long id, String first, String last, StaffRole role) {
    String username = (first + "." + last).toLowerCase(Locale.ROOT);
    return new StaffPrincipal(
        new StaffView(
            id, username, first.toLowerCase(Locale.ROOT) + "@firm.test", first, last, role, true),
        "unused");
  }

  /**
   * {@code member} signed in on the staff pages: the pages' chain reads the member again at each
   * request ({@code StaffService.current}, the slice's mock), stubbed here to answer as signed in.
   * Forms still need {@code with(csrf())}.
   */
  public static RequestPostProcessor onPages(StaffService staff, StaffPrincipal member) {
    when(staff.current(member.staff().id())).thenReturn(Optional.of(member.staff()));
    return user(member);
  }

  /** The staff pages' answer to a request signed out: a redirection to the sign-in page. */
  public static ResultMatcher signInPage() {
    return ResultMatcher.matchAll(status().isFound(), redirectedUrlPattern("**/connexion"));
  }

  /**
   * A refusal on a staff page: the readable French error page with {@code status}, its code and
   * {@code message} shown as Thymeleaf writes it (only the markup's characters escaped: accents
   * stay as they are), never problem+json.
   */
  public static ResultMatcher errorPage(int status, String code, String message) {
    return ResultMatcher.matchAll(
        status().is(status),
        content().contentTypeCompatibleWith(MediaType.TEXT_HTML),
        view().name("error"),
        model().attribute("code", code),
        content().string(containsString(HtmlEscape.escapeHtml4Xml(message))));
  }

  /**
   * A staff form posted without its CSRF token: 403, the code {@code CSRF_REJECTED} handed to the
   * error page (a slice does not follow the container's error dispatch, so the page itself is not
   * rendered: {@code web.ErrorPagesTest} renders it).
   */
  public static ResultMatcher csrfRefused() {
    return ResultMatcher.matchAll(
        status().isForbidden(),
        request().attribute("io.passerelle.web.ErrorPages.code", "CSRF_REJECTED"));
  }

  /** The request as the API's clients send it: as {@code member}, a JSON body, JSON accepted. */
  public static MockHttpServletRequestBuilder asJson(
      MockHttpServletRequestBuilder request, StaffPrincipal member, String body) {
    return request
        .with(user(member))
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .content(body);
  }

  /** Bean Validation's refusal: 400 problem+json {@code VALIDATION_FAILED} (its field errors). */
  public static ResultMatcher validationFailed() {
    return ResultMatcher.matchAll(
        status().isBadRequest(),
        content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
        jsonPath("$.code").value("VALIDATION_FAILED"));
  }

  /** A field error of a problem+json answer: {@code code} among those given for {@code field}. */
  public static ResultMatcher fieldError(String field, String code) {
    return jsonPath("$.errors[?(@.field == '" + field + "')].code").value(hasItem(code));
  }

  /** The API's answer without credentials: 401 problem+json asking for HTTP Basic. */
  public static ResultMatcher signInRequired() {
    return ResultMatcher.matchAll(
        status().isUnauthorized(),
        header().string("WWW-Authenticate", "Basic realm=\"Passerelle\", charset=\"UTF-8\""),
        content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
        jsonPath("$.code").value("AUTHENTICATION_REQUIRED"));
  }
}
