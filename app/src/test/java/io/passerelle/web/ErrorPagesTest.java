package io.passerelle.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.support.WebSliceTest;
import jakarta.servlet.RequestDispatcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The error path ({@link ErrorPages}) in the web slice, reached as the container's error dispatch
 * reaches it (its request attributes), which MockMvc does not do by itself: what it answers under
 * {@code /api/} and elsewhere, the code and message a filter leaves, the body-size refusal found in
 * the exception's causes. That real refusals of Spring MVC, Spring Security and Tomcat come here is
 * tested over raw HTTP in the whole application ({@code security.ErrorPathsAttackTest}).
 */
@WebSliceTest
class ErrorPagesTest {

  @Autowired MockMvc mvc;

  @Test
  @DisplayName("under /api/: problem+json with the status's code, detail and the failed address")
  void apiProblem() throws Exception {
    mvc.perform(dispatch(405, "/api/dossiers/12"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"))
        .andExpect(jsonPath("$.status").value(405))
        .andExpect(jsonPath("$.instance").value("/api/dossiers/12"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("(see the Allow header)")));
  }

  @Test
  @DisplayName("on a page: the French error page with its title, message and code, no JSON")
  void frenchPage() throws Exception {
    mvc.perform(dispatch(404, "/dossiers/999"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
        .andExpect(
            html(
                "<main data-code=\"NOT_FOUND\">",
                "<span>Page introuvable</span>",
                "<p>Cette page n’existe pas (ou plus).</p>"));
  }

  @Test
  @DisplayName("a filter's code and French message are shown instead of the status's defaults")
  void filterGivenCodeAndMessage() throws Exception {
    mvc.perform(
            dispatch(403, "/contacts/4/modifier")
                .requestAttr(ErrorPages.CODE, "CSRF_REJECTED")
                .requestAttr(ErrorPages.MESSAGE, "Ce formulaire n’est plus valable."))
        .andExpect(status().isForbidden())
        .andExpect(
            html(
                "<main data-code=\"CSRF_REJECTED\">",
                "<span>Accès refusé</span>",
                "<p>Ce formulaire n’est plus valable.</p>"));
  }

  @Test
  @DisplayName("a body over the limit among the exception's causes is a 413, whatever the status")
  void bodyTooLarge() throws Exception {
    mvc.perform(
            dispatch(500, "/api/bulk-invitations")
                .requestAttr(
                    RequestDispatcher.ERROR_EXCEPTION,
                    new IllegalStateException(new BodySizeLimit.TooLarge(1024))))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("PAYLOAD_TOO_LARGE"));
  }

  @Test
  @DisplayName("an exception that escaped: 500 INTERNAL_ERROR, never its message nor a trace")
  void internalError() throws Exception {
    mvc.perform(
            dispatch(500, "/api/contacts")
                .requestAttr(
                    RequestDispatcher.ERROR_EXCEPTION,
                    new IllegalStateException("password=secret in a stack")))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.code").value("INTERNAL_ERROR"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("secret"))));
  }

  @Test
  @DisplayName("a status the catalogue does not know: the generic ERROR code")
  void unknownStatus() throws Exception {
    mvc.perform(dispatch(499, "/api/contacts"))
        .andExpect(status().is(499))
        .andExpect(jsonPath("$.code").value("ERROR"));
  }

  /** The page holds each of {@code fragments}, as written. */
  private static ResultMatcher html(String... fragments) {
    return content().string(Matchers.stringContainsInOrder(fragments));
  }

  /** The request as the container's error dispatch makes it. */
  private static MockHttpServletRequestBuilder dispatch(int status, String uri) {
    return get("/error")
        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, uri);
  }
}
