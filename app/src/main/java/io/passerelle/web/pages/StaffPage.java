package io.passerelle.web.pages;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A staff page controller, in the {@code web} package of the feature it belongs to. Its refusals
 * are readable French pages ({@link PageExceptionHandler}, and {@code engine.web.EnginePageErrors}
 * for the engine's), never problem+json, which is the API's answer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface StaffPage {}
