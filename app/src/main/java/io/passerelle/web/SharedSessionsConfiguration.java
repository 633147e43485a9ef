package io.passerelle.web;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * {@code passerelle.sessions.store=jdbc}: the staff's and the clients' sessions live in PostgreSQL
 * (Spring Session JDBC, tables {@code spring_session} and {@code spring_session_attributes} of
 * migration V97), so that a request may land on any Passerelle instance, and a restart signs nobody
 * out. The same idle time-out as the servlet container's ({@code server.servlet.session.timeout},
 * 30 minutes by default) and the same cookie settings ({@code server.servlet.session.cookie.*}:
 * SameSite=Lax, HttpOnly, Secure behind TLS); the cookie is named {@code SESSION}. Every instance
 * deletes the expired sessions once a minute (Spring Session's own clean-up: one DELETE, harmless
 * when two run it).
 *
 * <p>With the default, {@code memory}, the servlet container keeps the sessions, as before.
 * Everything a session holds is Serializable (principals, CSRF tokens, saved requests, flash
 * attributes, the pending import).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "passerelle.sessions.store", havingValue = "jdbc")
@EnableJdbcHttpSession
class SharedSessionsConfiguration {

  @Bean
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> idleTimeout(ServerProperties server) {
    Duration timeout = server.getServlet().getSession().getTimeout();
    return repository ->
        repository.setDefaultMaxInactiveInterval(
            timeout == null ? Duration.ofMinutes(30) : timeout);
  }

  /**
   * Spring Session's own PostgreSQL customiser: an attribute is written with {@code insert … on
   * conflict do update}, so two requests of one session adding the same attribute at once (two
   * tabs, two instances) do not collide on its primary key.
   */
  @Bean
  PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgreSqlSessionAttributes() {
    return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
  }

  @Bean
  CookieSerializer sessionCookie(ServerProperties server) {
    var settings = server.getServlet().getSession().getCookie();
    var cookie = new DefaultCookieSerializer();
    if (settings.getName() != null) {
      cookie.setCookieName(settings.getName());
    }
    if (settings.getDomain() != null) {
      cookie.setDomainName(settings.getDomain());
    }
    cookie.setCookiePath(settings.getPath() == null ? "/" : settings.getPath());
    cookie.setUseHttpOnlyCookie(settings.getHttpOnly() == null || settings.getHttpOnly());
    if (settings.getSecure() != null) {
      cookie.setUseSecureCookie(settings.getSecure());
    }
    if (settings.getSameSite() != null) {
      cookie.setSameSite(settings.getSameSite().attributeValue());
    }
    return cookie;
  }

  /**
   * As Spring Boot registers it: first of all filters, on requests, errors and async dispatches.
   */
  @Bean
  FilterRegistrationBean<SessionRepositoryFilter<?>> sessionRepositoryFilterRegistration(
      SessionRepositoryFilter<?> filter) {
    var registration = new FilterRegistrationBean<SessionRepositoryFilter<?>>(filter);
    registration.setDispatcherTypes(
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
    return registration;
  }
}
