package io.passerelle.dossiercreation.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.registry.CompanyInfo;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.registry.CompanyRegistryClient;
import io.passerelle.registry.RegistryUnavailableException;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.sql.ResultSet;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET /api/company-registry/{siret}} in the web slice, the registry client mocked and the
 * database a deep-stubbed {@code JdbcClient}: the security chain, the SIRET checked and cleaned
 * before anything is asked, a SIRET the firm already has answered without the registry, the
 * registry's answers as JSON and its silence as 503. The registry's retries and the firm's dossiers
 * themselves are tested with the whole application ({@code DossierRequestApiTest}).
 */
@WebSliceTest
class CompanyRegistryControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final String SIRET = "73282932000074";

  @Autowired MockMvc mvc;
  @Autowired CompanyRegistryClient registry;
  @Autowired JdbcClient jdbc;

  @Test
  @DisplayName("without credentials: 401 problem+json; neither the firm nor the registry asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/company-registry/{siret}", SIRET).accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(registry);
  }

  @Test
  @DisplayName(
      "a SIRET too short or with a wrong check digit: 400 VALIDATION_FAILED on siret; the registry"
          + " not asked")
  void invalidSiret() throws Exception {
    mvc.perform(lookup("12345"))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("siret", "INVALID_SIRET"));
    mvc.perform(lookup("73282932000075"))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("siret", "INVALID_SIRET"));
    verifyNoInteractions(registry);
  }

  @Test
  @DisplayName(
      "a SIRET typed with spaces is asked cleaned; the registry's company comes back as FOUND")
  void found() throws Exception {
    when(registry.lookup(SIRET)).thenReturn(new CompanyLookup.Found(company(false)));

    mvc.perform(lookup("732 829 320 00074"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.siret").value(SIRET))
        .andExpect(jsonPath("$.outcome").value("FOUND"))
        .andExpect(jsonPath("$.found").value(true))
        .andExpect(jsonPath("$.establishmentClosed").value(false))
        .andExpect(jsonPath("$.company.companyName").value("MENUISERIE DUPONT"))
        .andExpect(jsonPath("$.company.postalCode").value("69001"))
        .andExpect(jsonPath("$.alreadyUsedBy").isEmpty());
    verify(registry).lookup(SIRET);
  }

  @Test
  @DisplayName("a closed establishment is CLOSED; an unknown SIRET is NOT_FOUND without a company")
  void closedAndUnknown() throws Exception {
    when(registry.lookup(SIRET)).thenReturn(new CompanyLookup.Found(company(true)));
    mvc.perform(lookup(SIRET))
        .andExpect(jsonPath("$.outcome").value("CLOSED"))
        .andExpect(jsonPath("$.establishmentClosed").value(true));

    when(registry.lookup(SIRET)).thenReturn(new CompanyLookup.NotFound(SIRET));
    mvc.perform(lookup(SIRET))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("NOT_FOUND"))
        .andExpect(jsonPath("$.found").value(false))
        .andExpect(jsonPath("$.company").isEmpty());
  }

  @Test
  @DisplayName(
      "a SIRET the firm has already: ALREADY_USED with that dossier's API link; the registry not"
          + " asked")
  void alreadyUsed() throws Exception {
    ResultSet row = mock(ResultSet.class);
    when(row.getLong(1)).thenReturn(41L);
    when(row.getString(2)).thenReturn("Menuiserie Dupont");
    when(jdbc.sql(anyString()).param(eq(SIRET)).query(any(RowMapper.class)))
        .thenAnswer(
            call -> {
              Object mapped = call.<RowMapper<?>>getArgument(0).mapRow(row, 0);
              return mock(JdbcClient.MappedQuerySpec.class, optional -> Optional.of(mapped));
            });

    mvc.perform(lookup("732 829 320 00074"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("ALREADY_USED"))
        .andExpect(jsonPath("$.alreadyUsedBy.id").value(41))
        .andExpect(jsonPath("$.alreadyUsedBy.companyName").value("Menuiserie Dupont"))
        .andExpect(jsonPath("$.alreadyUsedBy.href").value("/api/dossiers/41"));
    verifyNoInteractions(registry);
  }

  @Test
  @DisplayName("the registry silent after its attempts: 503 problem+json REGISTRY_UNAVAILABLE")
  void registryDown() throws Exception {
    when(registry.lookup(SIRET))
        .thenThrow(new RegistryUnavailableException("timeout", new RuntimeException()));

    mvc.perform(lookup(SIRET))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("REGISTRY_UNAVAILABLE"));
  }

  private static MockHttpServletRequestBuilder lookup(String siret) {
    return get("/api/company-registry/{siret}", siret)
        .with(user(MANAGER))
        .accept(MediaType.APPLICATION_JSON);
  }

  private static CompanyInfo company(boolean closed) {
    return new CompanyInfo(
        SIRET,
        "732829320",
        "MENUISERIE DUPONT",
        "5499",
        "SARL",
        "3 RUE NEUVE",
        "69001",
        "LYON",
        "16.23Z",
        true,
        closed);
  }
}
