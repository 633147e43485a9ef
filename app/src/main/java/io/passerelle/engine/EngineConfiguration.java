package io.passerelle.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.impl.NoopCredentialsProvider;
import io.passerelle.staff.StaffService;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one place that knows the engine mode. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  static final String EMBEDDED_ENGINE = "embeddedZeebeEngine";

  @Bean
  DeployedModels deployedModels() {
    return new DeployedModels();
  }

  @Bean
  ProcessEngine processEngine(
      CamundaClient client,
      ModeOperations operations,
      EngineProperties properties,
      DeployedModels deployedModels) {
    return new ProcessEngine(
        client, operations, properties.mode(), deployedModels, properties.requestTimeout());
  }

  /** The staff's Camunda users (remote mode; never called when embedded: see StaffIdentitySync). */
  @Bean
  CamundaStaffUsers camundaStaffUsers(
      CamundaClient client, EngineProperties properties, StaffService staff) {
    return new CamundaStaffUsers(client, properties.requestTimeout(), staff::current);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = EngineMode.PROPERTY, havingValue = "embedded")
  static class Embedded {

    @Bean
    EngineDataDirectory engineDataDirectory(EngineDataProperties properties) {
      return properties.temporaryDataDir()
          ? EngineDataDirectory.temporary()
          : EngineDataDirectory.open(properties.dataDir());
    }

    @Bean(name = EMBEDDED_ENGINE)
    EmbeddedZeebeEngine embeddedZeebeEngine(
        Environment environment, EngineDataDirectory data, EngineDataProperties properties) {
      return new EmbeddedZeebeEngine(
          environment.getRequiredProperty(
              EngineEnvironmentPostProcessor.RESOLVED_PORT, Integer.class),
          EngineEnvironmentPostProcessor.gatewayBinding(environment),
          data,
          properties.groupCommit(),
          properties.backlogLimit());
    }

    /**
     * What the Camunda client sends the gateway: its secret, when it has one (the starter's own
     * provider, from {@code camunda.client.auth.*}, steps aside for this bean).
     */
    @Bean
    CredentialsProvider engineGatewayCredentials(Environment environment) {
      String secret = EngineEnvironmentPostProcessor.gatewayBinding(environment).secret();
      return secret == null ? new NoopCredentialsProvider() : new GatewaySecretCredentials(secret);
    }

    /** The Camunda client must not connect before the engine listens. */
    @Bean
    static BeanFactoryPostProcessor camundaClientStartsAfterEngine() {
      return (ConfigurableListableBeanFactory factory) -> {
        for (String name : factory.getBeanNamesForType(CamundaClient.class, true, false)) {
          var definition = factory.getBeanDefinition(name);
          String[] dependsOn = definition.getDependsOn();
          definition.setDependsOn(
              Stream.concat(
                      dependsOn == null ? Stream.empty() : Arrays.stream(dependsOn),
                      Stream.of(EMBEDDED_ENGINE))
                  .distinct()
                  .toArray(String[]::new));
        }
      };
    }

    @Bean
    EngineRecordProjection engineRecordProjection(
        EmbeddedZeebeEngine engine, DeployedModels deployedModels) {
      var projection =
          new EngineRecordProjection(
              engine.logStream().newLogStreamReader(),
              deployedModels::elementName,
              deployedModels::isFormField);
      engine.recoveredProjection().ifPresent(projection::restore);
      return projection;
    }

    @Bean
    EngineSnapshotDirector engineSnapshotDirector(
        EmbeddedZeebeEngine engine,
        EngineRecordProjection projection,
        EngineDataProperties properties) {
      return new EngineSnapshotDirector(
          engine, projection, properties.snapshotInterval(), properties.snapshotRecords());
    }

    @Bean
    ModeOperations embeddedModeOperations(
        EmbeddedZeebeEngine engine,
        EngineRecordProjection projection,
        ObjectMapper objectMapper,
        EngineProperties properties,
        DeployedModels deployedModels) {
      return new EmbeddedModeOperations(
          engine, projection, objectMapper, properties.requestTimeout(), deployedModels);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = EngineMode.PROPERTY, havingValue = "remote")
  static class Remote {

    @Bean
    ModeOperations remoteModeOperations(CamundaClient client, EngineProperties properties) {
      return new RemoteModeOperations(client, properties.requestTimeout());
    }
  }
}
