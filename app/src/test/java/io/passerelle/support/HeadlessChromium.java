package io.passerelle.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's ChromeDriver — never a browser a tool downloads.
 * The paths can be changed with PASSERELLE_CHROMIUM and PASSERELLE_CHROMEDRIVER; scripts/test
 * installs both when they are missing. Each instance is a fresh profile: a separate person.
 */
public final class HeadlessChromium {

  private HeadlessChromium() {}

  public static ChromeDriver start() {
    String browser = env("PASSERELLE_CHROMIUM", "/usr/bin/chromium");
    String driver = env("PASSERELLE_CHROMEDRIVER", "/usr/bin/chromedriver");
    if (!new File(browser).canExecute() || !new File(driver).canExecute()) {
      throw new IllegalStateException(
          "The browser tests need Chromium and ChromeDriver at "
              + browser
              + " and "
              + driver
              + ": run scripts/test, which installs Debian's chromium and chromium-driver, or"
              + " apt-get install chromium chromium-driver");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("passerelle-chromium");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("No temporary directory for the browser profile", e);
    }
    var options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--lang=fr-FR",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driver))
            .usingAnyFreePort()
            .build();
    var chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return chrome;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
