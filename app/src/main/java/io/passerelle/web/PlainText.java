package io.passerelle.web;

import io.passerelle.domain.Texts;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One line of text: no line breaks, tabs or other control characters (they would end up in mail
 * headers). Markup is allowed: it is stored as typed and escaped on output.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

  String message() default "cannot contain line breaks, tabs or other control characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Null passes. */
  class Validator implements ConstraintValidator<PlainText, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return !Texts.hasControlCharacter(value);
    }
  }
}
