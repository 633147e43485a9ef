package io.passerelle.support;

import io.passerelle.account.AccountService;
import io.passerelle.account.InvitationService;
import io.passerelle.activity.ActivityService;
import io.passerelle.catalog.CatalogService;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.web.DossierContactsQuery;
import io.passerelle.contact.web.IdentityRules;
import io.passerelle.delegation.DelegatedInvitationService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.web.PortfolioQuery;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.web.DossierRequestQueries;
import io.passerelle.dossierimport.DossierImportService;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.engine.CamundaLinks;
import io.passerelle.engine.CamundaWebApps;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.firm.FirmProperties;
import io.passerelle.mail.DevMailServer;
import io.passerelle.microsoft.MicrosoftProperties;
import io.passerelle.microsoft.MicrosoftSignInProperties;
import io.passerelle.notification.NotificationService;
import io.passerelle.notification.web.StaffNav;
import io.passerelle.onboarding.BulkInvitationService;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.StaffTaskService;
import io.passerelle.operations.FailedCommandsService;
import io.passerelle.operations.OperationsService;
import io.passerelle.portal.ActivationService;
import io.passerelle.portal.ClientInvitations;
import io.passerelle.portal.ClientSessions;
import io.passerelle.portal.NewLinkRequests;
import io.passerelle.portal.PasswordResets;
import io.passerelle.portal.PortalRateLimits;
import io.passerelle.portal.PortalTexts;
import io.passerelle.portal.SpaceService;
import io.passerelle.registry.CompanyRegistryClient;
import io.passerelle.reporting.DashboardQuery;
import io.passerelle.retention.RetentionProperties;
import io.passerelle.retention.RetentionService;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.web.StaffSignInLimits;
import io.passerelle.web.Links;
import io.passerelle.web.ProblemSecurityHandlers;
import io.passerelle.web.RateLimiter.Decision;
import io.passerelle.web.SecurityProperties;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.Labels;
import io.passerelle.web.pages.NameLookup;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;
import org.mockito.Answers;
import org.mockito.Mockito;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockReset;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * The web layer of the test pyramid: every controller of the application in one {@code @WebMvcTest}
 * slice, every service, read model and engine port they call mocked, with what the HTTP layer
 * really runs around them: the staff's and the clients' filter chains ({@code
 * staff.web.SecurityConfiguration}: HTTP Basic and problem+json 401/403 on {@code /api/**}, the
 * pages' form login and CSRF; {@code portal.ClientSecurityConfiguration}: the client's session,
 * CSRF cookie and rate limits), every exception handler (problem+json for the API, readable pages
 * for people), the strict and HTML-safe JSON, Bean Validation, the message bundles, the templates
 * with the layout's helpers ({@code @staffNav}, {@code @labels}). No database, no engine, no mail:
 * the slice starts in a few seconds, once for all the slice tests (one configuration, so one cached
 * context), and a failure names the controller's mapping, validation, page or error handling.
 *
 * <p>A test gets the mocks it stubs or verifies with {@code @Autowired} (never {@code @MockitoBean}
 * of its own, which would be a context of its own); they are reset after each test. The staff
 * member is given per request ({@code with(user(principal))}); the staff service the filter chains
 * ask is a mock (a page test stubs {@code current(id)}: the pages' chain reads the signed-in member
 * again at each request). The pages' helpers that compute without a database (the task forms, the
 * new dossier form's errors, the SIRET lookup's answer) are the real ones.
 *
 * <p>{@code WebSliceCoverageTest} fails when a controller has no slice test, or when a new
 * collaborator is missing here (the slice then does not start).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@ActiveProfiles("test")
@Import(WebSliceTest.HttpLayer.class)
@MockitoBean(
    types = {
      // the staff's chains and the layout
      StaffService.class,
      ScopedResources.class,
      NotificationService.class,
      // the features' services and read models
      AccountService.class,
      ActivityService.class,
      CatalogService.class,
      CollaborationService.class,
      ContactService.class,
      DossierLinkService.class,
      DossierContactsQuery.class,
      DelegatedInvitationService.class,
      DossierService.class,
      PortfolioQuery.class,
      DossierRequestService.class,
      DossierRequestQueries.class,
      CompanyRegistryClient.class,
      DossierImportService.class,
      DossierSetupService.class,
      InvitationService.class,
      OnboardingService.class,
      BulkInvitationService.class,
      StaffTaskService.class,
      OperationsService.class,
      FailedCommandsService.class,
      ActivationService.class,
      SpaceService.class,
      PasswordResets.class,
      NewLinkRequests.class,
      ClientInvitations.class,
      RetentionService.class,
      DashboardQuery.class,
      NameLookup.class,
      // the engine, the development mailbox, the database
      ProcessEngine.class,
      EmbeddedZeebeEngine.class,
      DevMailServer.class,
      PlatformTransactionManager.class
    })
@MockitoBean(types = JdbcClient.class, answers = Answers.RETURNS_DEEP_STUBS)
public @interface WebSliceTest {

  /** What the HTTP layer runs around a controller and a slice does not find by itself. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    SecurityProperties.class,
    FirmProperties.class,
    MicrosoftProperties.class,
    MicrosoftSignInProperties.class,
    RetentionProperties.class,
    Links.class,
    CamundaWebApps.class
  })
  @Import({
    HttpLayer.PackagePrivate.class,
    ProblemSecurityHandlers.class,
    PortalTexts.class,
    StaffNav.class,
    Labels.class,
    CamundaLinks.class,
    ClientSessions.class,
    IdentityRules.class
  })
  class HttpLayer {

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    /**
     * The sign-in throttle counts in the database (tested in the whole application): here every try
     * is allowed, unless a test stubs otherwise (reset after each test).
     */
    @Bean
    StaffSignInLimits staffSignInLimits() {
      return mockAnswering(StaffSignInLimits.class, HttpLayer::allowed);
    }

    /**
     * The portal's rate limits count in the database (tested in the whole application): here every
     * request is allowed, unless a test stubs otherwise (reset after each test).
     */
    @Bean
    PortalRateLimits portalRateLimits() {
      return mockAnswering(PortalRateLimits.class, HttpLayer::allowed);
    }

    /**
     * The forms' double-post guard remembers in the database (tested in the whole application):
     * here every post is the first, its creation runs ({@code run}) and its claim is granted
     * ({@code claim}), unless a test stubs a repeat (reset after each test).
     */
    @Bean
    FormOnce formOnce() {
      return mockAnswering(
          FormOnce.class,
          call ->
              switch (call.getMethod().getName()) {
                case "run" -> call.<LongSupplier>getArgument(2).getAsLong();
                case "claim" -> true;
                default -> Answers.RETURNS_DEFAULTS.answer(call);
              });
    }

    private static Object allowed(InvocationOnMock call) {
      return call.getMethod().getReturnType() == Decision.class ? Decision.ALLOWED : null;
    }

    /**
     * A mock answering {@code answer} where not stubbed, reset after each test as the {@code
     * MockitoBean} ones are (its answer stays).
     */
    private static <T> T mockAnswering(Class<T> type, Answer<Object> answer) {
      return Mockito.mock(type, MockReset.withSettings(MockReset.AFTER).defaultAnswer(answer));
    }

    /**
     * The configurations and the pages' helpers that are package-private in their feature, imported
     * by name.
     */
    static final class PackagePrivate implements ImportSelector {
      @Override
      public String[] selectImports(AnnotationMetadata metadata) {
        return new String[] {
          "io.passerelle.staff.web.SecurityConfiguration",
          "io.passerelle.staff.web.MicrosoftStaffSignIn",
          "io.passerelle.portal.ClientSecurityConfiguration",
          "io.passerelle.portal.MicrosoftClientSignIn",
          "io.passerelle.web.JsonConfiguration",
          // pages of results as the API serialises them ({content, page: {...}})
          "io.passerelle.web.WebConfiguration",
          "io.passerelle.tasks.web.TaskForms",
          "io.passerelle.dossiercreation.web.NewDossierFormErrors",
          "io.passerelle.dossiercreation.web.SiretLookup",
          MockedByName.class.getName()
        };
      }
    }

    /**
     * The read models that are package-private in their feature, mocked (reset after each test like
     * the {@code @MockitoBean} ones); a test of the same package gets them with {@code @Autowired}.
     */
    static final class MockedByName implements ImportBeanDefinitionRegistrar {

      static final List<String> TYPES = List.of("io.passerelle.contact.web.ContactsQuery");

      @Override
      public void registerBeanDefinitions(
          AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        for (String name : TYPES) {
          Class<?> type = ClassUtils.resolveClassName(name, WebSliceTest.class.getClassLoader());
          registry.registerBeanDefinition(
              name, new RootBeanDefinition(mocked(type), () -> mock(type)));
        }
      }

      @SuppressWarnings("unchecked")
      private static <T> Class<T> mocked(Class<?> type) {
        return (Class<T>) type;
      }

      private static <T> T mock(Class<T> type) {
        return Mockito.mock(type, MockReset.withSettings(MockReset.AFTER));
      }
    }
  }
}
