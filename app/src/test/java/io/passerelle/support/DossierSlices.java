package io.passerelle.support;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.web.util.HtmlUtils;

/**
 * What the dossier slices (creation, set-up, import, contacts, the dossier's page) share beside
 * {@link WebSlices}: the readable error page for a French message with accents ({@link
 * WebSlices#errorPage} escapes "é" as {@code &eacute;}, which Thymeleaf writes as is).
 */
public final class DossierSlices {

  private DossierSlices() {}

  /**
   * A refusal on a staff page: {@link WebSlices#errorPage}'s readable page, the message found as
   * Thymeleaf writes it (only {@code < > & " '} escaped).
   */
  public static ResultMatcher errorPage(int status, String code, String message) {
    return ResultMatcher.matchAll(
        WebSlices.errorPage(status, code, ""),
        content().string(containsString(HtmlUtils.htmlEscape(message, "UTF-8"))));
  }
}
