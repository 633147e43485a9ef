package io.passerelle.support;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.test.web.servlet.ResultMatcher;
import org.unbescape.html.HtmlEscape;

/**
 * What the slices of the onboarding, task, operations and development pages add to {@link
 * WebSlices}: the CSRF refusal of a staff form, and the readable error page with its French text as
 * Thymeleaf writes it (only the markup's characters escaped: accents stay as they are).
 */
public final class StaffPageSlices {

  private StaffPageSlices() {}

  /**
   * A staff form posted without its CSRF token: 403, the code {@code CSRF_REJECTED} handed to the
   * error page (a slice does not follow the error dispatch, so the page itself is not rendered).
   */
  public static ResultMatcher csrfRefused() {
    return ResultMatcher.matchAll(
        status().isForbidden(),
        request().attribute("io.passerelle.web.ErrorPages.code", "CSRF_REJECTED"));
  }

  /** {@link WebSlices#errorPage}, {@code message} escaped as Thymeleaf escapes a text. */
  public static ResultMatcher errorPage(int status, String code, String message) {
    return ResultMatcher.matchAll(
        WebSlices.errorPage(status, code, ""),
        content().string(containsString(HtmlEscape.escapeHtml4Xml(message))));
  }
}
