package io.passerelle.mail;

import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mail sender: set from {@code spring.mail.*} as Spring Boot sets its own (host, port,
 * credentials, protocol, encoding, JavaMail properties, SSL and SSL bundle), but keeping its SMTP
 * connections open between mails ({@link PooledJavaMailSender}). Boot's sender backs off when this
 * one exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailSenderConfiguration {

  @Bean
  PooledJavaMailSender mailSender(MailProperties mail, ObjectProvider<SslBundles> sslBundles) {
    var sender = new PooledJavaMailSender();
    sender.setHost(mail.getHost());
    if (mail.getPort() != null) {
      sender.setPort(mail.getPort());
    }
    sender.setUsername(mail.getUsername());
    sender.setPassword(mail.getPassword());
    sender.setProtocol(mail.getProtocol());
    if (mail.getDefaultEncoding() != null) {
      sender.setDefaultEncoding(mail.getDefaultEncoding().name());
    }
    Properties properties = new Properties();
    properties.putAll(mail.getProperties());
    String protocol =
        mail.getProtocol() == null || mail.getProtocol().isEmpty() ? "smtp" : mail.getProtocol();
    if (mail.getSsl().isEnabled()) {
      properties.setProperty("mail." + protocol + ".ssl.enable", "true");
    }
    if (mail.getSsl().getBundle() != null) {
      var bundle = sslBundles.getObject().getBundle(mail.getSsl().getBundle());
      properties.put(
          "mail." + protocol + ".ssl.socketFactory", bundle.createSslContext().getSocketFactory());
    }
    sender.setJavaMailProperties(properties);
    return sender;
  }
}
