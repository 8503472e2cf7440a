package org.safehaven.runtime.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.safehaven.core.topic.Topic;
import org.safehaven.runtime.StackException;

/**
 * Prepares the schema registry as a real deployment would: sets the global compatibility level and
 * registers every topic's value schema under {@code <topic>-value}. Both calls are idempotent.
 *
 * <p>This speaks the Confluent REST API through a few lines of JDK HttpClient of its own because the
 * project's {@code HttpSchemaRegistryClient} (core/registry) was being written at the same time; switch
 * {@link #registerAll} and {@link #setCompatibility} to it once it has settled.
 */
public final class RegistryBootstrap {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A value schema to register. */
  public record Subject(String name, Schema schema) {}

  private final String baseUrl;
  private final HttpClient http;
  private final Duration timeout;

  /** @param baseUrl the Confluent-compatible API's base, e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  public RegistryBootstrap(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The subjects of the topics that carry Avro values (raw topics have none). */
  public static List<Subject> subjects(List<Topic<?>> topics) {
    List<Subject> out = new ArrayList<>();
    for (Topic<?> t : topics) {
      Schema s = t.valueSchema();
      if (s != null) {
        out.add(new Subject(t.valueSubject(), s));
      }
    }
    return out;
  }

  public void setCompatibility(String level) {
    send("PUT", "/config", JSON.createObjectNode().put("compatibility", level), "set compatibility " + level);
  }

  /** Registers each subject's schema; returns the schema ids by subject. */
  public Map<String, Integer> registerAll(List<Subject> subjects) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Subject s : subjects) {
      JsonNode answer = send("POST", "/subjects/" + URLEncoder.encode(s.name(), StandardCharsets.UTF_8) + "/versions",
          JSON.createObjectNode().put("schema", s.schema().toString()), "register the schema of " + s.name());
      if (!answer.path("id").canConvertToInt()) {
        throw new StackException("the schema registry answered without an id for " + s.name());
      }
      ids.put(s.name(), answer.get("id").asInt());
    }
    return ids;
  }

  private JsonNode send(String method, String path, JsonNode body, String what) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Content-Type", CONTENT_TYPE)
        .header("Accept", CONTENT_TYPE + ", application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        // The registry's own error text (e.g. which compatibility rule failed), shortened; it holds schema
        // names at most, never event data.
        String detail = response.body().length() > 300 ? response.body().substring(0, 300) + "..." : response.body();
        throw new StackException("the schema registry refused to " + what + ": HTTP " + response.statusCode()
            + " " + detail.replaceAll("\\s+", " "));
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new StackException("cannot " + what + " at " + baseUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while trying to " + what, e);
    }
  }
}
