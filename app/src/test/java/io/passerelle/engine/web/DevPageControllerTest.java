package io.passerelle.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.engine.DeployedModels;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The development tools' page ({@code /dev}) in the web slice, with the tools on and the engines
 * mocked: the development chain (the sign-in page signed out, administrators only) and what the
 * page shows (engine time and offset, port, deployed processes, open tasks). The tools' absence
 * when the setting is off is tested in {@code security.DevelopmentOffTest}.
 */
@WebSliceTest
class DevPageControllerTest {

  static final StaffPrincipal ADMIN = WebSlices.member(1, "Anne", "Roux", StaffRole.ADMIN);
  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired EmbeddedZeebeEngine engine;
  @Autowired ProcessEngine processEngine;

  @Test
  @DisplayName("signed out: the sign-in page; a member who is not an administrator: 403")
  void administratorsOnly() throws Exception {
    mvc.perform(get("/dev")).andExpect(WebSlices.signInPage());
    mvc.perform(get("/dev").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(engine, processEngine);
  }

  @Test
  @DisplayName("the engine's time, offset and port, the deployed processes, the open tasks' count")
  void page() throws Exception {
    when(engine.now()).thenReturn(Instant.parse("2026-12-08T10:00:00Z"));
    when(engine.offset()).thenReturn(Duration.ofHours(36));
    when(engine.port()).thenReturn(26511);
    DeployedModels models = mock(DeployedModels.class);
    when(models.processes())
        .thenReturn(
            List.of(
                new DeployedModels.DeployedProcess(
                    "Process_ClientOnboarding", 3, 500, "client-onboarding.bpmn")));
    when(processEngine.deployedModels()).thenReturn(models);

    String page =
        mvc.perform(get("/dev").with(WebSlices.onPages(staff, ADMIN)))
            .andExpect(status().isOk())
            .andExpect(view().name("dev/index"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("<time id=\"engine-time\">2026-12-08T10:00:00Z</time>")
        .contains("<span id=\"engine-offset\">PT36H</span>", "localhost:26511")
        .contains("<code>Process_ClientOnboarding</code>", "client-onboarding.bpmn")
        .doesNotContain("Aucun processus déployé.");
  }
}
