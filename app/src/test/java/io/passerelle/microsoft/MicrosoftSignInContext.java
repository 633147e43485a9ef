package io.passerelle.microsoft;

import io.passerelle.config.Ports;
import io.passerelle.support.EntraIdProvider;
import io.passerelle.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the firm's tenant configured against the local {@link EntraIdProvider}, and
 * staff single sign-on on (issue 23). Its test classes share this one context: a database of its
 * own (the suite's shared context would relay its engine commands otherwise), and a fixed free port
 * known before the start, so that PASSERELLE_BASE_URL — the mails' links and the redirect URIs — is
 * the address the browser uses ({@code 127.0.0.1}; the provider is on {@code localhost}).
 */
abstract class MicrosoftSignInContext {

  static final EntraIdProvider PROVIDER = EntraIdProvider.shared();
  static String base;

  @DynamicPropertySource
  static void microsoft(DynamicPropertyRegistry registry) {
    String database = TestDatabases.newName("passerelle_microsoft");
    TestDatabases.create(database);
    registry.add("spring.datasource.url", () -> TestDatabases.url(database));
    int port = Ports.anyFree();
    base = "http://127.0.0.1:" + port;
    registry.add("server.port", () -> port);
    registry.add("passerelle.base-url", () -> base);
    registry.add("passerelle.microsoft.tenant-id", () -> EntraIdProvider.TENANT);
    registry.add("passerelle.microsoft.client-id", () -> EntraIdProvider.CLIENT_ID);
    registry.add("passerelle.microsoft.client-secret", () -> EntraIdProvider.CLIENT_SECRET);
    registry.add("passerelle.microsoft.authority", PROVIDER::authority);
    registry.add("passerelle.microsoft.staff-sso", () -> "true");
    PROVIDER.allowRedirect(base + "/login/oauth2/code/microsoft");
    PROVIDER.allowRedirect(base + "/login/oauth2/code/microsoft-staff");
  }
}
