package io.passerelle.engine;

import io.camunda.client.CredentialsProvider;

/**
 * What the application's own Camunda client sends to the embedded engine's gateway when it has a
 * secret ({@link GatewayBinding}): {@code authorization: Bearer <secret>} on every call. The
 * starter takes a {@link CredentialsProvider} bean in place of the one it builds from {@code
 * camunda.client.auth.*}.
 */
final class GatewaySecretCredentials implements CredentialsProvider {

  private final String authorization;

  GatewaySecretCredentials(String secret) {
    this.authorization = "Bearer " + secret;
  }

  @Override
  public void applyCredentials(CredentialsApplier applier) {
    applier.put("authorization", authorization);
  }

  @Override
  public boolean shouldRetryRequest(StatusCode statusCode) {
    // a wrong secret stays wrong
    return false;
  }
}
