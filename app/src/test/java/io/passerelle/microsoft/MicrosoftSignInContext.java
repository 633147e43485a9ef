package io.passerelle.microsoft;

import io.passerelle.support.EntraIdProvider;
import io.passerelle.support.IsolatedSpringTest;
import io.passerelle.support.MicrosoftTenant;
import java.util.List;
import java.util.Set;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The application with the firm's tenant configured against the local {@link EntraIdProvider}, and
 * staff single sign-on on (issue 23): the isolated context ({@link IsolatedSpringTest}, which has
 * the tenant, {@link MicrosoftTenant}), a database of its own (the suite's shared context would
 * relay its engine commands otherwise), and a fixed port known before the start, so that
 * PASSERELLE_BASE_URL — the mails' links and the redirect URIs — is the address the browser uses.
 * The local Graph and what it can be told are {@link MicrosoftTenant}'s.
 */
abstract class MicrosoftSignInContext {

  static final EntraIdProvider PROVIDER = MicrosoftTenant.PROVIDER;
  static final String base = MicrosoftTenant.BASE;
  static final MockWebServer GRAPH = MicrosoftTenant.GRAPH;
  static final List<RecordedRequest> GRAPH_REQUESTS = MicrosoftTenant.GRAPH_REQUESTS;
  static final Set<String> NOT_IN_TENANT = MicrosoftTenant.NOT_IN_TENANT;
  static final Set<String> BLOCKED = MicrosoftTenant.BLOCKED;

  static String guestId(String email) {
    return MicrosoftTenant.guestId(email);
  }

  static List<RecordedRequest> graphInvitationsTo(String email) {
    return MicrosoftTenant.graphInvitationsTo(email);
  }

  static List<RecordedRequest> graphDeletesOf(String email) {
    return MicrosoftTenant.graphDeletesOf(email);
  }
}
