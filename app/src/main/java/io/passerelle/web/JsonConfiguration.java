package io.passerelle.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON that is safe to drop into a page: {@code < > & '} are written as {@code \u003C} etc. A name
 * typed as {@code <script>} is stored as typed and comes back as the same string, but never as
 * markup a browser would run. Bodies are read strictly: no field twice, nothing after the value.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer htmlSafeJson() {
    return builder ->
        builder.postConfigurer(mapper -> mapper.getFactory().setCharacterEscapes(new HtmlSafe()));
  }

  /**
   * A request body is one JSON value with each field once: {@code {"email":"a","email":"b"}} and
   * {@code {...} trailing} are refused (400 {@code DUPLICATE_KEY}, {@code TRAILING_DATA}) instead
   * of Jackson keeping the last value or ignoring the rest.
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJson() {
    return builder ->
        builder
            .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Escapes the characters that mean something in HTML. */
  static final class HtmlSafe extends CharacterEscapes {

    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    HtmlSafe() {
      escapes = standardAsciiEscapesForJSON();
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = CharacterEscapes.ESCAPE_CUSTOM;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return new SerializedString(String.format("\\u%04X", ch));
    }
  }
}
