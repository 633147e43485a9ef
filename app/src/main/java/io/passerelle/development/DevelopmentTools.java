package io.passerelle.development;

/**
 * Where the development tools are decided, for the conditions of their beans and for the security
 * chain that guards them, and for every other development convenience (the development data, the
 * development mailbox, the default administrator, the engine clock, the database reset): they exist
 * when {@value #PROPERTY} is true. This is the one switch; nothing else asks which engine mode runs
 * (the engine refuses the setting in remote mode, {@code engine.EngineEnvironmentPostProcessor}).
 */
public final class DevelopmentTools {

  /** The development setting ({@code PASSERELLE_DEVELOPMENT_ENABLED}). */
  public static final String PROPERTY = "passerelle.development.enabled";

  /**
   * A condition for the beans of the development tools ({@code @ConditionalOnExpression}): the
   * setting is on. Remote mode with the setting on does not start at all.
   */
  public static final String ENABLED = "'${" + PROPERTY + ":false}' == 'true'";

  /** Whether the development tools exist, with the setting as given in the environment. */
  public static boolean enabled(org.springframework.core.env.Environment environment) {
    return environment.getProperty(PROPERTY, Boolean.class, false);
  }

  /** The paths of the development tools. */
  public static final String[] PATHS = {"/dev", "/dev/**"};

  private DevelopmentTools() {}
}
