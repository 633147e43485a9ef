package io.passerelle.development;

/**
 * Where the development tools are decided, for the conditions of their beans and for the security
 * chain that guards them: they exist when {@value #PROPERTY} is true and the engine is embedded.
 */
public final class DevelopmentTools {

  /** The development setting ({@code PASSERELLE_DEVELOPMENT_ENABLED}). */
  public static final String PROPERTY = "passerelle.development.enabled";

  /**
   * A condition for the beans of the development tools ({@code @ConditionalOnExpression}): the
   * setting is on and the engine embedded. Remote mode with the setting on does not start at all.
   */
  public static final String ENABLED =
      "'${" + PROPERTY + ":false}' == 'true' and '${passerelle.engine.mode:}' == 'embedded'";

  /** Whether the development tools exist, with the setting as given in the environment. */
  public static boolean enabled(org.springframework.core.env.Environment environment) {
    return environment.getProperty(PROPERTY, Boolean.class, false)
        && "embedded".equals(environment.getProperty("passerelle.engine.mode"));
  }

  /** The paths of the development tools. */
  public static final String[] PATHS = {"/dev", "/dev/**"};

  private DevelopmentTools() {}
}
