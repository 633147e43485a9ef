package io.passerelle.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
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

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = EngineMode.PROPERTY, havingValue = "embedded")
  static class Embedded {

    @Bean(name = EMBEDDED_ENGINE)
    EmbeddedZeebeEngine embeddedZeebeEngine(Environment environment) {
      return new EmbeddedZeebeEngine(
          environment.getRequiredProperty(
              EngineEnvironmentPostProcessor.RESOLVED_PORT, Integer.class));
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
      return new EngineRecordProjection(
          engine.logStream().newLogStreamReader(),
          deployedModels::elementName,
          deployedModels::isFormField);
    }

    @Bean
    EngineLogTrimmer engineLogTrimmer(
        EmbeddedZeebeEngine engine, EngineRecordProjection projection) {
      return new EngineLogTrimmer(engine, projection);
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
