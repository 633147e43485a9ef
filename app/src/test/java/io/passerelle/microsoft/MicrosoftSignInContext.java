package io.passerelle.microsoft;

import io.passerelle.support.EntraIdProvider;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.MicrosoftTenant;

/**
 * The application with the firm's tenant configured against the local {@link EntraIdProvider}, and
 * staff single sign-on on (issue 23): the isolated context ({@link IsolatedSpringTest}, which has
 * the tenant, {@link MicrosoftTenant}), a database of its own (the suite's shared context would
 * relay its engine commands otherwise), and a fixed port known before the start, so that
 * PASSERELLE_BASE_URL — the mails' links and the redirect URIs — is the address the browser uses.
 */
abstract class MicrosoftSignInContext {

  static final EntraIdProvider PROVIDER = MicrosoftTenant.PROVIDER;
  static final String base = MicrosoftTenant.BASE;
}
