package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.support.Api;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.StaffSignIn;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The development clock of the embedded engine, as a signed-in administrator uses it (the refusals
 * are in {@code security.DevToolsAttackTest}; the durations and bodies it refuses, in the web
 * slice's {@code engine.web.DevClockControllerTest}).
 */
@PasserelleSpringTest
class DevClockTest {

  @Autowired MockMvc mvc;
  @Autowired EmbeddedZeebeEngine engine;
  @LocalServerPort int port;
  MockHttpSession admin;

  @BeforeEach
  void signIn() throws Exception {
    admin = StaffSignIn.session(mvc, Api.ADMIN);
  }

  @Test
  @DisplayName("GET /dev/clock tells the engine time and how far it is ahead of the wall clock")
  void readsTheClock() throws Exception {
    mvc.perform(get("/dev/clock").session(admin))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.engineTime").isNotEmpty())
        .andExpect(jsonPath("$.offset").isNotEmpty());
  }

  @Test
  @DisplayName("advancing by P1D moves the engine clock one day ahead")
  void advancesTheClock() throws Exception {
    Duration before = engine.offset();
    mvc.perform(
            post("/dev/clock/advance")
                .session(admin)
                .with(csrf().asHeader())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"duration\":\"P1D\"}"))
        .andExpect(status().isOk());
    assertThat(engine.offset().minus(before)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  @DisplayName(
      "over HTTP, as a script (the benchmark) does: a sign-in's session, the token of /dev in"
          + " X-CSRF-TOKEN")
  void advancesOverHttp() throws Exception {
    var http = StaffSignIn.http("http://localhost:" + port, Api.ADMIN);
    String csrf = StaffSignIn.csrfOf(http.get("/dev").body());
    Duration before = engine.offset();

    var response = http.postJson("/dev/clock/advance", "{\"duration\":\"PT1H\"}", csrf);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("engineTime");
    assertThat(engine.offset().minus(before)).isEqualTo(Duration.ofHours(1));
  }
}
