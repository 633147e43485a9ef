package io.passerelle.dossiercreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.passerelle.onboarding.OnboardingFilter;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.FakeCompanyRegistry;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import io.passerelle.workers.dossier.DossierCreationSteps;
import io.passerelle.workers.support.BusinessRuleException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

/**
 * The port the workers call, as a redelivered job calls it again: each step keyed by the request
 * changes nothing the second time (the registry asked once, one dossier, one onboarding).
 */
@PasserelleSpringTest
class DossierCreationStepsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired DossierCreationSteps steps;
  @Autowired DossierRequestService requests;
  @Autowired OnboardingService onboardings;
  @Autowired StaffService staff;
  @Autowired FakeCompanyRegistry registry;

  long submitAndAwait(String siret, boolean director, DossierRequestStatus status) {
    var claire = staff.findByUsername(Api.MANAGER).orElseThrow();
    var request =
        requests.submit(
            new NewDossierRequest(
                siret,
                null,
                List.of(),
                null,
                null,
                "CABINET",
                null,
                director
                    ? new DirectorDetails(
                        "Léa",
                        "Redelivery",
                        TestData.email("lea"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)
                    : null,
                false),
            new io.passerelle.domain.Actor.Staff(claire.id(), claire.username(), false));
    await().atMost(PATIENCE).until(() -> requests.get(request.id()).status() == status);
    if (status == DossierRequestStatus.DETAILS_NEEDED) {
      await().atMost(PATIENCE).until(() -> requests.get(request.id()).process().openTask() != null);
    }
    if (director) {
      await()
          .atMost(PATIENCE)
          .until(() -> requests.get(request.id()).director().onboardingId() != null);
    }
    return request.id();
  }

  @Test
  @DisplayName(
      "redelivered lookup, creation and invitation: the same answers, no second call, dossier or"
          + " onboarding")
  void redeliveredStepsChangeNothing() {
    String siret = TestData.siret();
    registry.answer(
        siret,
        new FakeCompanyRegistry.Company(
            "812345678",
            "REJOUÉ SAS",
            "5710",
            "2 PLACE X",
            "31000",
            "TOULOUSE",
            "62.01Z",
            false,
            true));
    long id = submitAndAwait(siret, true, DossierRequestStatus.CREATED);
    var done = requests.get(id);

    assertThat(steps.lookupCompany(id))
        .isEqualTo(new DossierCreationSteps.CompanyLookedUp(true, false));
    assertThat(registry.calls(siret)).isEqualTo(1);
    assertThat(steps.createDossier(id).dossierId()).isEqualTo(done.dossier().id());
    assertThat(steps.inviteDirector(id, false).onboardingId())
        .isEqualTo(done.director().onboardingId());
    assertThat(
            onboardings
                .list(
                    new OnboardingFilter(done.dossier().id(), null, null, null, null),
                    PageRequest.of(0, 10))
                .getTotalElements())
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "SIRET already used: the creation step says so every time, and the duplicate is recorded"
          + " once")
  void siretAlreadyUsedIsStable() {
    String siret = TestData.siret();
    // both asked before either dossier exists (a new request for a SIRET the firm has is refused
    // at once): the second's creation step meets the first's dossier
    long first = submitAndAwait(siret, false, DossierRequestStatus.DETAILS_NEEDED);
    long second = submitAndAwait(siret, false, DossierRequestStatus.DETAILS_NEEDED);
    requests.completeDetails(
        first,
        null,
        new CompanyDetails("Premier", null, null, null, null, null, null, null),
        staffActor());
    await()
        .atMost(PATIENCE)
        .until(() -> requests.get(first).status() == DossierRequestStatus.CREATED);
    requests.completeDetails(
        second,
        null,
        new CompanyDetails("Second", null, null, null, null, null, null, null),
        staffActor());
    await()
        .atMost(PATIENCE)
        .until(() -> requests.get(second).status() == DossierRequestStatus.SIRET_ALREADY_USED);

    long existing = requests.get(first).dossier().id();
    assertThat(requests.get(second).existingDossier().id()).isEqualTo(existing);
    assertThatThrownBy(() -> steps.createDossier(second))
        .isInstanceOf(BusinessRuleException.class)
        .hasFieldOrPropertyWithValue("code", Errors.SIRET_ALREADY_USED);
    assertThat(steps.recordSiretAlreadyUsed(second).existingDossierId()).isEqualTo(existing);
  }

  @Test
  @DisplayName("an unknown request is a technical failure (retried, then an incident), not a rule")
  void unknownRequest() {
    assertThatThrownBy(() -> steps.createDossier(987_654_321L))
        .isNotInstanceOf(BusinessRuleException.class)
        .hasMessageContaining("987654321");
  }

  io.passerelle.domain.Actor staffActor() {
    var claire = staff.findByUsername(Api.MANAGER).orElseThrow();
    return new io.passerelle.domain.Actor.Staff(claire.id(), claire.username(), false);
  }
}
