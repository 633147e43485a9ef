package io.passerelle.engine;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.support.PasserelleSpringTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Actuator health and info in {@code embedded} mode. */
@PasserelleSpringTest
class HealthAndInfoTest {

  @Autowired MockMvc mvc;

  @Test
  @DisplayName("health is UP with db, engine and mail as components of their own")
  void healthUp() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.components.db.status").value("UP"))
        .andExpect(jsonPath("$.components.engine.status").value("UP"))
        .andExpect(jsonPath("$.components.engine.details.mode").value("embedded"))
        .andExpect(jsonPath("$.components.engine.details.durability.logSegments").isNumber())
        .andExpect(jsonPath("$.components.mail.status").value("UP"));
  }

  @Test
  @DisplayName("info shows the engine mode and the deployed processes with their versions")
  void info() throws Exception {
    mvc.perform(get("/actuator/info"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.engine.mode").value("embedded"))
        .andExpect(
            jsonPath("$.engine.processes[?(@.bpmnProcessId == 'Process_EngineCheck')].version")
                .value(org.hamcrest.Matchers.hasItem(1)));
  }
}
