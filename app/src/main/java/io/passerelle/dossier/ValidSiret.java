package io.passerelle.dossier;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A SIRET: 14 digits (spaces allowed between groups) with a right Luhn check digit. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidSiret.Validator.class)
public @interface ValidSiret {

  String message() default "is not a valid SIRET (14 digits with a right Luhn check digit)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Blank passes (no SIRET, or clearing it). */
  class Validator implements ConstraintValidator<ValidSiret, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.isBlank() || Siret.isValid(Siret.normalise(value.strip()));
    }
  }
}
