package io.passerelle.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * The web slice ({@link WebSliceTest}) holds every controller of the application, and every
 * controller has its slice test: a new controller whose collaborators the slice does not mock fails
 * here (the slice does not start), one without a test beside it too.
 */
@WebSliceTest
class WebSliceCoverageTest {

  @Autowired ApplicationContext context;

  @Test
  @DisplayName("every controller of io.passerelle is a bean of the web slice")
  void everyControllerIsInTheSlice() {
    List<Class<?>> controllers = controllers();
    assertThat(controllers).hasSizeGreaterThan(40);
    assertThat(controllers)
        .allSatisfy(
            controller ->
                assertThat(context.getBeanNamesForType(controller))
                    .as("beans of %s", controller.getName())
                    .hasSize(1));
  }

  @Test
  @DisplayName("every controller has its slice test beside it: a @WebSliceTest <Controller>Test")
  void everyControllerHasItsTest() {
    assertThat(controllers())
        .allSatisfy(
            controller -> {
              String test = controller.getName() + "Test";
              assertThat(ClassUtils.isPresent(test, null)).as(test).isTrue();
              assertThat(
                      AnnotatedElementUtils.hasAnnotation(
                          ClassUtils.resolveClassName(test, null), WebSliceTest.class))
                  .as("%s is a @WebSliceTest", test)
                  .isTrue();
            });
  }

  /** The application's controllers (not those a test declares for itself). */
  static List<Class<?>> controllers() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
    return scanner.findCandidateComponents("io.passerelle").stream()
        .filter(d -> !d.getBeanClassName().matches(".*Test(\\$.*)?"))
        .<Class<?>>map(d -> ClassUtils.resolveClassName(d.getBeanClassName(), null))
        .toList();
  }
}
