package io.passerelle.support;

import io.passerelle.firm.FirmProperties;
import io.passerelle.microsoft.MicrosoftProperties;
import io.passerelle.microsoft.MicrosoftSignInProperties;
import io.passerelle.notification.NotificationService;
import io.passerelle.notification.web.StaffNav;
import io.passerelle.portal.PortalTexts;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.web.StaffSignInLimits;
import io.passerelle.web.Links;
import io.passerelle.web.ProblemSecurityHandlers;
import io.passerelle.web.RateLimiter.Decision;
import io.passerelle.web.SecurityProperties;
import io.passerelle.web.pages.Labels;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.mockito.Mockito;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web layer of the test pyramid: one controller (or a few) in a {@code @WebMvcTest} slice, its
 * services mocked by the test class ({@code @MockitoBean}), with what the HTTP layer really runs
 * around it: the staff's filter chains ({@code staff.web.SecurityConfiguration}: HTTP Basic and
 * problem+json 401/403 on {@code /api/**}, the pages' form login and CSRF), every exception handler
 * (problem+json for the API, readable pages for the staff), the strict and HTML-safe JSON, Bean
 * Validation, the message bundles, the templates with the layout's helpers ({@code @staffNav},
 * {@code @labels}). No database, no engine, no mail: a slice starts in a second or two and a
 * failure names the controller's mapping, validation, page or error handling.
 *
 * <p>The staff member is given per request ({@code with(user(principal))}); the staff service the
 * filter chains ask is a mock (a page test stubs {@code current(id)} through {@code @Autowired
 * StaffService}: the pages' chain reads the signed-in member again at each request), and so are the
 * dossier scope check of the reads ({@code ScopedResources}, tested in the whole application) and
 * the layout's unread count.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@ActiveProfiles("test")
@Import(WebSliceTest.HttpLayer.class)
@MockitoBean(types = {StaffService.class, ScopedResources.class, NotificationService.class})
public @interface WebSliceTest {

  /** The controllers under test. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value() default {};

  /** What the HTTP layer runs around a controller and a slice does not find by itself. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    SecurityProperties.class,
    FirmProperties.class,
    MicrosoftProperties.class,
    MicrosoftSignInProperties.class,
    Links.class
  })
  @Import({
    HttpLayer.PackagePrivate.class,
    ProblemSecurityHandlers.class,
    PortalTexts.class,
    StaffNav.class,
    Labels.class
  })
  class HttpLayer {

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    /**
     * The sign-in throttle counts in the database (tested in the whole application): here every try
     * is allowed.
     */
    @Bean
    StaffSignInLimits staffSignInLimits() {
      return Mockito.mock(
          StaffSignInLimits.class,
          call -> call.getMethod().getReturnType() == Decision.class ? Decision.ALLOWED : null);
    }

    /** The configurations that are package-private in their feature, imported by name. */
    static final class PackagePrivate implements ImportSelector {
      @Override
      public String[] selectImports(AnnotationMetadata metadata) {
        return new String[] {
          "io.passerelle.staff.web.SecurityConfiguration",
          "io.passerelle.staff.web.MicrosoftStaffSignIn",
          "io.passerelle.web.JsonConfiguration"
        };
      }
    }
  }
}
