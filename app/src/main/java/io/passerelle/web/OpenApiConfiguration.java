package io.passerelle.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI passerelleOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Passerelle staff API")
                .version("1")
                .description(
                    "The firm's dossiers, contacts, access, collaborative services, client"
                        + " accounts, invitations and activity. HTTP Basic with a staff username."
                        + " Commands that create or start something accept an Idempotency-Key"
                        + " header. Errors are RFC 9457 problem+json with a stable 'code' and"
                        + " field-level 'errors'."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }

  /** Every command that creates or starts something documents its Idempotency-Key header. */
  @Bean
  OpenApiCustomizer idempotencyKeyHeader() {
    return openApi ->
        openApi
            .getPaths()
            .values()
            .forEach(
                path -> {
                  if (path.getPost() != null) {
                    path.getPost()
                        .addParametersItem(
                            new HeaderParameter()
                                .name(IdempotencyFilter.HEADER)
                                .required(false)
                                .description(
                                    "Same key and body: the first response again, nothing"
                                        + " created twice. Same key, other body: 422.")
                                .schema(
                                    new StringSchema()
                                        .maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
                  }
                });
  }
}
