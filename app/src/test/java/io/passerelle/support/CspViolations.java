package io.passerelle.support;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser's Content-Security-Policy refused on the pages a test opens: a listener added to
 * every document before its own scripts run (through the DevTools protocol, so the pages' policy
 * does not apply to it) keeps each {@code securitypolicyviolation} event.
 */
public final class CspViolations {

  private static final String LISTENER =
      "window.__cspViolations = [];"
          + "document.addEventListener('securitypolicyviolation', function (e) {"
          + "  window.__cspViolations.push(e.effectiveDirective + ' blocked '"
          + "    + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);"
          + "});";

  private CspViolations() {}

  /** From now on, every document this browser opens records its violations. */
  public static void watch(ChromeDriver browser) {
    browser.executeCdpCommand("Page.enable", Map.of());
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", LISTENER));
  }

  /** The violations of the document shown now (and of none before it). */
  @SuppressWarnings("unchecked")
  public static List<String> onThisPage(ChromeDriver browser) {
    Object found = browser.executeScript("return window.__cspViolations || ['not watched'];");
    return (List<String>) found;
  }
}
