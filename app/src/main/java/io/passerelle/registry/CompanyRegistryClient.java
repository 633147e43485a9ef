package io.passerelle.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Looks a SIRET up in the French company registry's public search API ({@code GET
 * /search?q=<siret>}), with a connect and a read timeout, and a few attempts with a growing pause
 * when it is down, slow or rate-limited (429, honouring Retry-After). What it cannot get after its
 * attempts is a {@link RegistryUnavailableException}; the caller (a job worker) retries later with
 * its own backoff.
 */
@Component
public class CompanyRegistryClient {

  private static final Logger LOG = LoggerFactory.getLogger(CompanyRegistryClient.class);
  private static final Pattern SIRET = Pattern.compile("\\d{14}");

  private final CompanyRegistryProperties properties;
  private final ObjectMapper json;
  private final HttpClient http;
  private final Sleeper sleeper;

  /** Pauses between attempts; tests replace it to keep them fast. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  @Autowired
  public CompanyRegistryClient(CompanyRegistryProperties properties, ObjectMapper json) {
    this(properties, json, d -> Thread.sleep(d));
  }

  CompanyRegistryClient(CompanyRegistryProperties properties, ObjectMapper json, Sleeper sleeper) {
    this.properties = properties;
    this.json = json;
    this.sleeper = sleeper;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * @param siret 14 digits (spaces are ignored)
   * @throws IllegalArgumentException when it is not 14 digits
   * @throws RegistryUnavailableException when the registry gave no usable answer
   */
  public CompanyLookup lookup(String siret) {
    String normalized = siret == null ? "" : siret.replaceAll("\\s", "");
    if (!SIRET.matcher(normalized).matches()) {
      throw new IllegalArgumentException("A SIRET has 14 digits: " + siret);
    }
    URI uri =
        properties
            .baseUrl()
            .resolve(
                "/search?q="
                    + URLEncoder.encode(normalized, StandardCharsets.UTF_8)
                    + "&page=1&per_page=5");
    Duration pause = properties.retryDelay();
    String lastProblem = "no attempt made";
    Exception lastFailure = null;
    for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
      Answer answer = ask(uri, normalized);
      if (answer.lookup() != null) {
        return answer.lookup();
      }
      lastProblem = answer.problem();
      if (answer.failure() != null) {
        lastFailure = answer.failure();
      }
      if (attempt < properties.attempts()) {
        Duration wait = answer.retryAfter() != null ? answer.retryAfter() : pause;
        if (wait.compareTo(properties.maxRetryDelay()) > 0) {
          wait = properties.maxRetryDelay();
        }
        LOG.debug(
            "Registry attempt {} for {} failed ({}); next in {}",
            attempt,
            normalized,
            lastProblem,
            wait);
        pauseFor(wait);
        pause = pause.multipliedBy(2);
      }
    }
    throw new RegistryUnavailableException(
        "The company registry gave no answer for SIRET "
            + normalized
            + " after "
            + properties.attempts()
            + " attempts: "
            + lastProblem,
        lastFailure);
  }

  /**
   * One attempt's answer: the lookup, or why there was none (with the failure, if one was thrown,
   * and the registry's Retry-After, if it gave one).
   */
  private record Answer(
      CompanyLookup lookup, String problem, Exception failure, Duration retryAfter) {}

  /** Asks the registry once; a refusal that no retry would change is thrown. */
  private Answer ask(URI uri, String normalized) {
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(properties.readTimeout())
                  .header("Accept", "application/json")
                  .header("User-Agent", "Passerelle")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      int status = response.statusCode();
      if (status == 200) {
        return new Answer(parse(normalized, response.body()), null, null, null);
      }
      if (status == 404) {
        return new Answer(new CompanyLookup.NotFound(normalized), null, null, null);
      }
      String problem = "the registry answered HTTP " + status;
      if (status == 429) {
        return new Answer(null, problem, null, retryAfter(response));
      } else if (status < 500) {
        throw new RegistryUnavailableException(
            "The company registry refused the lookup of "
                + normalized
                + " (HTTP "
                + status
                + "): check passerelle.registry.base-url",
            null);
      }
      return new Answer(null, problem, null, null);
    } catch (HttpTimeoutException e) {
      return new Answer(
          null, "the registry did not answer within " + properties.readTimeout(), e, null);
    } catch (IOException e) {
      return new Answer(null, "the registry could not be reached (" + e + ")", e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("Interrupted while asking the registry", e);
    }
  }

  private void pauseFor(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("Interrupted while asking the registry", e);
    }
  }

  private CompanyLookup parse(String siret, String body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RegistryUnavailableException(
          "The company registry answered something that is not JSON for SIRET " + siret, e);
    }
    JsonNode results = root.path("results");
    if (!results.isArray()) {
      throw new RegistryUnavailableException(
          "The company registry's answer has no 'results' for SIRET "
              + siret
              + ": has its API changed?",
          null);
    }
    for (JsonNode company : results) {
      JsonNode establishment = establishment(company, siret);
      if (establishment != null) {
        return new CompanyLookup.Found(toInfo(siret, company, establishment));
      }
    }
    return new CompanyLookup.NotFound(siret);
  }

  private static JsonNode establishment(JsonNode company, String siret) {
    for (JsonNode candidate : company.path("matching_etablissements")) {
      if (siret.equals(candidate.path("siret").asText())) {
        return candidate;
      }
    }
    JsonNode seat = company.path("siege");
    return siret.equals(seat.path("siret").asText()) ? seat : null;
  }

  private static CompanyInfo toInfo(String siret, JsonNode company, JsonNode establishment) {
    String legalFormCode = text(company, "nature_juridique");
    String naf = text(establishment, "activite_principale");
    if (naf == null) {
      naf = text(company, "activite_principale");
    }
    String name = text(company, "nom_raison_sociale");
    if (name == null) {
      name = text(company, "nom_complet");
    }
    String seatSiret = company.path("siege").path("siret").asText("");
    return new CompanyInfo(
        siret,
        text(company, "siren"),
        name,
        legalFormCode,
        LegalForms.label(legalFormCode),
        streetOf(establishment),
        text(establishment, "code_postal"),
        text(establishment, "libelle_commune"),
        naf,
        siret.equals(seatSiret) || establishment.path("est_siege").asBoolean(false),
        "F".equals(text(establishment, "etat_administratif")));
  }

  /** The street part of the registry's one-line address ("12 RUE X 75001 PARIS"). */
  private static String streetOf(JsonNode establishment) {
    String full = text(establishment, "adresse");
    String postalCode = text(establishment, "code_postal");
    if (full != null && postalCode != null) {
      int at = full.lastIndexOf(" " + postalCode);
      if (at > 0) {
        return full.substring(0, at).strip();
      }
    }
    return full;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asText().isBlank()
        ? null
        : value.asText().strip();
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
              } catch (NumberFormatException e) {
                return null;
              }
            })
        .orElse(null);
  }
}
