package io.passerelle.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The request body limit, registered before every other filter, and Tomcat's error report replaced
 * by Passerelle's ({@link ErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
      WebProperties properties, MultipartProperties multipart, ErrorPages errors) {
    long multipartMax =
        multipart.getMaxRequestSize() == null ? -1 : multipart.getMaxRequestSize().toBytes();
    var registration =
        new FilterRegistrationBean<>(
            new BodySizeLimit(properties.maxBodySize().toBytes(), multipartMax, errors));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> passerelleErrorReport() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ErrorReportValve.class.getName());
              }
            });
  }
}
