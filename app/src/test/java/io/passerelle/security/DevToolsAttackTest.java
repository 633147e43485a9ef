package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.mail.DevMailServer;
import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.StaffSignIn;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The development tools tried from outside, in the tests' start (the setting on, embedded mode):
 * nobody but a signed-in administrator on this machine, with a CSRF token, reads the mailbox or
 * moves the engine clock; the engine's gateway does not answer beyond loopback. With the setting
 * off, see {@link DevelopmentOffTest}.
 */
@PasserelleSpringTest
class DevToolsAttackTest {

  private static final String ADVANCE = "{\"duration\":\"P1D\"}";

  @Autowired MockMvc mvc;
  @Autowired EmbeddedZeebeEngine engine;
  @Autowired DevMailServer mailbox;
  @LocalServerPort int port;

  @ParameterizedTest(name = "anonymous GET {0}: sent to the sign-in, nothing shown")
  @ValueSource(strings = {"/dev", "/dev/mailbox", "/dev/mailbox/1", "/dev/clock"})
  @DisplayName("anonymous pages of the development tools send to the sign-in")
  void anonymousPages(String path) throws Exception {
    mvc.perform(get(path).accept(MediaType.TEXT_HTML))
        .andExpect(status().isFound())
        .andExpect(redirectedUrlPattern("**/connexion"));
  }

  @Test
  @DisplayName(
      "anonymous JSON GET of the clock is 401; HTTP Basic, even the admin's, is no session")
  void anonymousJson() throws Exception {
    mvc.perform(get("/dev/clock").accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            get("/dev/clock")
                .accept(MediaType.APPLICATION_JSON)
                .with(httpBasic(Api.ADMIN, Api.passwordOf(Api.ADMIN))))
        .andExpect(status().isUnauthorized());
  }

  @Test
  @DisplayName("anonymous POST /dev/clock/advance, with or without a CSRF token, moves nothing")
  void anonymousAdvance() throws Exception {
    Duration before = engine.offset();
    mvc.perform(advance()).andExpect(status().isForbidden());
    mvc.perform(advance().with(csrf().asHeader())).andExpect(status().isUnauthorized());
    mvc.perform(
            post("/dev/clock/advance")
                .with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("duration", "P30D"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrlPattern("**/connexion"));
    assertThat(engine.offset()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Api.STAFF, Api.MANAGER})
  @DisplayName("a member of the firm who is not an administrator gets 403 everywhere")
  void notAnAdministrator(String username) throws Exception {
    MockHttpSession session = StaffSignIn.session(mvc, username);
    Duration before = engine.offset();
    int mails = mailbox.messages().size();
    for (String path : new String[] {"/dev", "/dev/mailbox", "/dev/clock"}) {
      mvc.perform(get(path).session(session)).andExpect(status().isForbidden());
    }
    mvc.perform(advance().session(session).with(csrf().asHeader()))
        .andExpect(status().isForbidden());
    mvc.perform(post("/dev/mailbox/purge").session(session).with(csrf()))
        .andExpect(status().isForbidden());
    assertThat(engine.offset()).isEqualTo(before);
    assertThat(mailbox.messages()).hasSizeGreaterThanOrEqualTo(mails);
  }

  @Test
  @DisplayName("an administrator without the CSRF token (a forged cross-site POST) is refused")
  void administratorWithoutCsrf() throws Exception {
    MockHttpSession admin = StaffSignIn.session(mvc, Api.ADMIN);
    Duration before = engine.offset();
    mvc.perform(advance().session(admin)).andExpect(status().isForbidden());
    mvc.perform(advance().session(admin).with(csrf().asHeader().useInvalidToken()))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/dev/clock/advance")
                .session(admin)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("duration", "P30D"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/dev/mailbox/purge").session(admin)).andExpect(status().isForbidden());
    assertThat(engine.offset()).isEqualTo(before);

    // the same administrator with the token: the control that the refusals were the token's
    mvc.perform(advance().session(admin).with(csrf().asHeader())).andExpect(status().isOk());
    assertThat(engine.offset().minus(before)).isEqualTo(Duration.ofDays(1));
  }

  @ParameterizedTest(name = "from {0}")
  @ValueSource(strings = {"203.0.113.7", "10.0.0.12", "192.168.1.20", "2001:db8::1", "fe80::1"})
  @DisplayName("a request that is not from loopback gets 404, even an administrator's")
  void notFromLoopback(String address) throws Exception {
    MockHttpSession admin = StaffSignIn.session(mvc, Api.ADMIN);
    Duration before = engine.offset();
    for (String path : new String[] {"/dev", "/dev/mailbox", "/dev/clock"}) {
      mvc.perform(get(path).session(admin).with(from(address))).andExpect(status().isNotFound());
      mvc.perform(get(path).with(from(address))).andExpect(status().isNotFound());
    }
    mvc.perform(advance().session(admin).with(csrf().asHeader()).with(from(address)))
        .andExpect(status().isNotFound());
    assertThat(engine.offset()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"X-Forwarded-For", "Forwarded", "X-Real-IP"})
  @DisplayName("a request relayed by a proxy on this machine gets 404, even an administrator's")
  void throughAProxy(String header) throws Exception {
    MockHttpSession admin = StaffSignIn.session(mvc, Api.ADMIN);
    mvc.perform(get("/dev/mailbox").session(admin).header(header, "for=203.0.113.7"))
        .andExpect(status().isNotFound());
    mvc.perform(get("/dev/mailbox").session(admin)).andExpect(status().isOk());
  }

  @Test
  @DisplayName(
      "over the network, through an address of this machine other than loopback: 404, while the"
          + " sign-in page answers there")
  void overTheNetwork() throws Exception {
    Optional<InetAddress> address = nonLoopbackAddress();
    assumeThat(address)
        .as("this machine has no up, non-loopback IPv4 address to reach itself through")
        .isPresent();
    String base = "http://" + address.get().getHostAddress() + ":" + port;
    var http = StaffSignIn.http(base, Api.ADMIN);
    for (String path : new String[] {"/dev", "/dev/mailbox", "/dev/clock"}) {
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
    }
    assertThat(http.get("/connexion").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "the engine's gateway listens on loopback only: refused on this machine's other address")
  void gatewayOnLoopbackOnly() throws Exception {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), engine.port()), 2000);
      assertThat(socket.isConnected()).isTrue();
    }
    Optional<InetAddress> address = nonLoopbackAddress();
    assumeThat(address)
        .as("this machine has no up, non-loopback IPv4 address to try the gateway on")
        .isPresent();
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.get(), engine.port()), 2000);
      throw new AssertionError(
          "the gateway answered on " + address.get().getHostAddress() + ":" + engine.port());
    } catch (ConnectException refused) {
      assertThat(refused).hasMessageContaining("refused");
    }
  }

  private static MockHttpServletRequestBuilder advance() {
    return post("/dev/clock/advance")
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .content(ADVANCE);
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor from(
      String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  /** An up, non-loopback IPv4 address of this machine, if it has one. */
  static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
      if (!network.isUp() || network.isLoopback()) {
        continue;
      }
      Optional<InetAddress> found =
          network
              .inetAddresses()
              .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
              .findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
