package io.passerelle.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The request body limit, registered before every other filter. */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimit> bodySizeLimit(WebProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new BodySizeLimit(properties.maxBodySize().toBytes()));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
