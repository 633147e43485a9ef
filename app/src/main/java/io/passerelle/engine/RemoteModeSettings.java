package io.passerelle.engine;

import io.passerelle.config.StartupConfigurationException;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * What remote mode needs, said once: the start-up check reads it, and so does the test of the
 * docker-compose stack (every setting listed here is set there).
 *
 * <p>Two kinds of cluster: a self-managed one (docker-compose, Kubernetes), reached at the REST
 * address given; Camunda SaaS ({@code camunda.client.mode=saas}), whose addresses the Camunda
 * client derives from the cluster id and region, reached with OAuth client credentials (the client
 * asks Camunda's authorization server for a token when it first needs one).
 */
public final class RemoteModeSettings {

  /** One setting: its Spring property, the environment variable that sets it, and an example. */
  public record Setting(String property, String variable, String example) {}

  /**
   * A self-managed cluster: its REST address, since Passerelle speaks REST only in remote mode
   * (commands, searches, user tasks, job workers; the gRPC address is then unused).
   */
  public static final List<Setting> SELF_MANAGED =
      List.of(
          new Setting(
              "camunda.client.rest-address",
              "CAMUNDA_CLIENT_REST_ADDRESS",
              "http://localhost:8088 for the docker-compose stack"));

  /** A Camunda SaaS cluster ({@code CAMUNDA_CLIENT_MODE=saas}). */
  public static final List<Setting> SAAS =
      List.of(
          new Setting(
              "camunda.client.cloud.cluster-id",
              "CAMUNDA_CLIENT_CLOUD_CLUSTERID",
              "the cluster id of Console's API tab"),
          new Setting("camunda.client.cloud.region", "CAMUNDA_CLIENT_CLOUD_REGION", "e.g. bru-2"),
          new Setting(
              "camunda.client.auth.client-id",
              "CAMUNDA_CLIENT_AUTH_CLIENTID",
              "the client id of an API client made in Console"),
          new Setting(
              "camunda.client.auth.client-secret",
              "CAMUNDA_CLIENT_AUTH_CLIENTSECRET",
              "its secret"));

  /** What the application itself needs in remote mode, whatever the cluster. */
  public static final List<Setting> APPLICATION =
      List.of(
          new Setting(
              "passerelle.token.secret",
              "PASSERELLE_TOKEN_SECRET",
              "at least 32 random characters, e.g. openssl rand -base64 48"));

  /**
   * Needed for the first start: the first administrator, who then creates the staff (remote mode
   * creates nobody else).
   */
  public static final List<Setting> FIRST_START =
      List.of(
          new Setting("passerelle.admin.username", "PASSERELLE_ADMIN_USERNAME", "admin"),
          new Setting("passerelle.admin.password", "PASSERELLE_ADMIN_PASSWORD", "a strong one"),
          new Setting("passerelle.admin.email", "PASSERELLE_ADMIN_EMAIL", "admin@cabinet.fr"));

  private RemoteModeSettings() {}

  /** Whether the Camunda client is set for Camunda SaaS. */
  public static boolean saas(Environment environment) {
    return "saas".equalsIgnoreCase(environment.getProperty("camunda.client.mode", ""));
  }

  /** The cluster's settings for this environment: SaaS's or a self-managed cluster's. */
  public static List<Setting> cluster(Environment environment) {
    return saas(environment) ? SAAS : SELF_MANAGED;
  }

  /** Stops the start with one line naming the first cluster setting that is missing. */
  static void requireCluster(Environment environment) {
    for (Setting setting : cluster(environment)) {
      String value = environment.getProperty(setting.property());
      if (value == null || value.isBlank()) {
        throw new StartupConfigurationException(
            "Engine mode 'remote' needs "
                + setting.property()
                + (saas(environment) ? " for Camunda SaaS" : " (the cluster's REST address)"),
            "set "
                + setting.variable()
                + " ("
                + setting.example()
                + "), or use PASSERELLE_ENGINE_MODE=embedded");
      }
    }
  }
}
