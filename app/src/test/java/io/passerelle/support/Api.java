package io.passerelle.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The staff API as a signed-in person calls it: HTTP Basic as one of the development users, JSON in
 * and out. {@code as("claire.martin").post("/api/contacts", body)}.
 */
public final class Api {

  /** Development users (DevelopmentData, FirstAdministrator). */
  public static final String ADMIN = "admin";

  public static final String MANAGER = "claire.martin";
  public static final String OTHER_MANAGER = "sophie.durand";
  public static final String STAFF = "hugo.bernard";

  private final MockMvc mvc;
  private final ObjectMapper json;
  private final String username;

  private Api(MockMvc mvc, ObjectMapper json, String username) {
    this.mvc = mvc;
    this.json = json;
    this.username = username;
  }

  public static Api as(MockMvc mvc, ObjectMapper json, String username) {
    return new Api(mvc, json, username);
  }

  public static String passwordOf(String username) {
    return ADMIN.equals(username) ? "passerelle-admin" : "passerelle-dev";
  }

  public ResultActions get(String path, Object... vars) throws Exception {
    return perform(MockMvcRequestBuilders.get(path, vars));
  }

  public ResultActions post(String path, Object body) throws Exception {
    return perform(withBody(MockMvcRequestBuilders.post(path), body));
  }

  public ResultActions post(String path, Object body, String idempotencyKey) throws Exception {
    return perform(
        withBody(MockMvcRequestBuilders.post(path), body)
            .header("Idempotency-Key", idempotencyKey));
  }

  public ResultActions patch(String path, Object body) throws Exception {
    return perform(withBody(MockMvcRequestBuilders.patch(path), body));
  }

  public ResultActions put(String path, Object body) throws Exception {
    return perform(withBody(MockMvcRequestBuilders.put(path), body));
  }

  public ResultActions delete(String path) throws Exception {
    return perform(MockMvcRequestBuilders.delete(path));
  }

  /** The JSON of a response. */
  public JsonNode read(ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  private MockHttpServletRequestBuilder withBody(MockHttpServletRequestBuilder request, Object body)
      throws Exception {
    if (body == null) {
      return request;
    }
    String text = body instanceof String s ? s : json.writeValueAsString(body);
    return request.contentType(MediaType.APPLICATION_JSON).content(text);
  }

  private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(
        request.with(httpBasic(username, passwordOf(username))).accept(MediaType.APPLICATION_JSON));
  }
}
