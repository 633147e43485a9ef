package io.passerelle.support;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffView;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What the web slices ({@link WebSliceTest}) share: the signed-in member, a JSON request, the API's
 * 401 and Bean Validation's 400 with its field errors.
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
