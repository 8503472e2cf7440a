package org.safehaven.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over HTTP: the JDK's {@link HttpClient} and Jackson, speaking the
 * Confluent Schema Registry REST API with content type {@value #CONTENT_TYPE}. Works against a Confluent
 * Schema Registry (base URL {@code http://host:8081}) and against Apicurio Registry's compatible API
 * (base URL {@code http://host:port/apis/ccompat/v7}).
 *
 * <p>Caching: schemas by id are immutable in the registry, so {@link #getById} is cached for the life
 * of the client; so are (subject, schema) to id answers of {@link #register} and {@link #lookupId}.
 * {@link #latest}, {@link #isCompatible} and the compatibility levels always ask the registry.
 *
 * <p>Credentials may be given as user info in the URL ({@code http://user:secret@host:8081}); they are
 * sent as HTTP Basic authentication and never appear in messages ({@link #baseUrl()} omits them).
 *
 * <p>Each call is one HTTP request with a connect timeout (default 5 s) and a request timeout (default
 * 10 s); there are no retries here, callers decide using {@link SchemaRegistryException#retriable()}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  // What Confluent's own client accepts, in its order of preference.
  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUOTED_BODY = 200;

  private final String baseUrl;
  private final String authorization;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A client with the default timeouts. */
  public HttpSchemaRegistryClient(String baseUrl) {
    this(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * A client of the registry at {@code baseUrl}.
   *
   * @throws IllegalArgumentException when the URL is not one http(s) URL with a host, or a timeout is not positive
   */
  public HttpSchemaRegistryClient(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
    URI uri = parseBaseUrl(baseUrl);
    this.baseUrl = withoutUserInfo(uri);
    this.authorization = uri.getRawUserInfo() == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(
            decode(uri.getRawUserInfo()).getBytes(StandardCharsets.UTF_8));
    this.connectTimeout = requirePositive(connectTimeout, "connect timeout");
    this.requestTimeout = requirePositive(requestTimeout, "request timeout");
    this.http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Checks a base URL the way the constructor does, without creating a client.
   *
   * @throws IllegalArgumentException when it is not one http(s) URL with a host
   */
  public static void validateBaseUrl(String baseUrl) {
    parseBaseUrl(baseUrl);
  }

  /** The registry's base URL without credentials, as it appears in messages. */
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), Objects.requireNonNull(schema, "schema"));
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer;
    try {
      answer = call(Operation.REGISTER, subject, "POST", "/subjects/" + encode(subject) + "/versions",
          schemaBody(schema));
    } catch (IncompatibleSchemaException conflict) {
      // A 409 is also what Apicurio answers when two writers register the same schema under a new subject
      // at the same moment (seen: two Flink sink subtasks). If the subject now holds exactly this schema,
      // the registration succeeded for the other writer and its id is ours; otherwise it really is a conflict.
      try {
        return lookupId(subject, schema);
      } catch (SchemaRegistryException notThere) {
        throw conflict;
      }
    }
    int id = requiredInt(answer, "id", Operation.REGISTER);
    idsBySubjectSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), Objects.requireNonNull(schema, "schema"));
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call(Operation.LOOKUP, subject, "POST", "/subjects/" + encode(subject), schemaBody(schema));
    int id = requiredInt(answer, "id", Operation.LOOKUP);
    idsBySubjectSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call(Operation.GET_BY_ID, null, "GET", "/schemas/ids/" + id, null);
    Schema schema = parseSchema(answer, "schema id " + id);
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced == null ? schema : raced;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    requireSubject(subject);
    JsonNode answer = call(Operation.LATEST, subject, "GET", "/subjects/" + encode(subject) + "/versions/latest", null);
    int id = requiredInt(answer, "id", Operation.LATEST);
    int version = requiredInt(answer, "version", Operation.LATEST);
    Schema schema = schemasById.computeIfAbsent(id, ignored -> parseSchema(answer, "subject '" + subject + "' latest"));
    return new RegisteredSchema(subject, version, id, schema);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    requireSubject(subject);
    Objects.requireNonNull(schema, "schema");
    JsonNode answer;
    try {
      answer = call(Operation.COMPATIBILITY, subject, "POST",
          "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
    } catch (SchemaNotFoundException noVersionYet) {
      // Nothing registered under the subject: registering would succeed, which is what the caller asks.
      return true;
    }
    JsonNode verdict = answer.get("is_compatible");
    if (verdict == null || !verdict.isBoolean()) {
      throw malformed(Operation.COMPATIBILITY, "is_compatible");
    }
    return verdict.booleanValue();
  }

  @Override
  public void setCompatibility(String level) {
    call(Operation.SET_CONFIG, null, "PUT", "/config", levelBody(level));
  }

  @Override
  public void setCompatibility(String subject, String level) {
    requireSubject(subject);
    call(Operation.SET_CONFIG, subject, "PUT", "/config/" + encode(subject), levelBody(level));
  }

  @Override
  public String getCompatibility() {
    return levelOf(call(Operation.GET_CONFIG, null, "GET", "/config", null));
  }

  @Override
  public String getCompatibility(String subject) {
    requireSubject(subject);
    try {
      return levelOf(call(Operation.GET_CONFIG, subject, "GET",
          "/config/" + encode(subject) + "?defaultToGlobal=true", null));
    } catch (SchemaNotFoundException | RegistryRequestException noSubjectLevel) {
      // Confluent answers 40408 and Apicurio 40401 when the subject has no level of its own.
      if (noSubjectLevel instanceof RegistryRequestException r && r.status() != 404) {
        throw r;
      }
      return getCompatibility();
    }
  }

  /** Forgets cached answers; later calls ask the registry again. The client stays usable. */
  public void clearCaches() {
    schemasById.clear();
    idsBySubjectSchema.clear();
  }

  @Override
  public void close() {
    closed = true;
    // HttpClient is AutoCloseable from Java 21 on; on 17 its threads end when it is collected.
    if ((Object) http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // Closing releases threads only; nothing a caller could act on.
      }
    }
  }

  @Override
  public String toString() {
    return "HttpSchemaRegistryClient[" + baseUrl + "]";
  }

  // ---------------------------------------------------------------- HTTP exchange and error mapping

  /** What a request was for, to word messages and to map statuses that depend on the endpoint. */
  private enum Operation {
    REGISTER("register a schema"),
    LOOKUP("look up a schema"),
    GET_BY_ID("fetch a schema by id"),
    LATEST("fetch the latest version"),
    COMPATIBILITY("test compatibility"),
    SET_CONFIG("set the compatibility level"),
    GET_CONFIG("read the compatibility level");

    final String wording;

    Operation(String wording) {
      this.wording = wording;
    }
  }

  private JsonNode call(Operation op, String subject, String method, String path, ObjectNode body) {
    if (closed) {
      throw new IllegalStateException("schema registry client for " + baseUrl + " is closed");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(requestTimeout)
        .header("Accept", ACCEPT);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> response = send(request.build(), op, subject);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return JSON.readTree(response.body());
      } catch (JsonProcessingException e) {
        throw new RegistryRequestException(status, -1, "schema registry at " + baseUrl + " answered the request to "
            + op.wording + " with a body that is not JSON: " + quote(response.body()));
      }
    }
    throw failure(op, subject, status, response.body());
  }

  private HttpResponse<String> send(HttpRequest request, Operation op, String subject) {
    String attempt = "could not " + op.wording + (subject == null ? "" : " for subject '" + subject + "'")
        + ": schema registry at " + baseUrl;
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw new RegistryUnavailableException(baseUrl, attempt + " did not accept a connection within "
          + connectTimeout.toMillis() + " ms", e);
    } catch (HttpTimeoutException e) {
      throw new RegistryUnavailableException(baseUrl, attempt + " did not answer within "
          + requestTimeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new RegistryUnavailableException(baseUrl, attempt + " is unreachable (connection refused)", e);
    } catch (IOException e) {
      throw new RegistryUnavailableException(baseUrl, attempt + " is unreachable ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(baseUrl, attempt + " was not reached: interrupted", e);
    }
  }

  private SchemaRegistryException failure(Operation op, String subject, int status, String body) {
    int errorCode = -1;
    String message = null;
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.isObject()) {
        errorCode = error.path("error_code").asInt(-1);
        message = error.hasNonNull("message") ? error.get("message").asText() : null;
      }
    } catch (JsonProcessingException notJson) {
      // A proxy's page or a plain-text refusal: quoted below instead.
    }
    String said = message != null ? quote(message) : quote(body);
    String context = "could not " + op.wording + (subject == null ? "" : " for subject '" + subject + "'")
        + " at " + baseUrl + ": HTTP " + status + (errorCode == -1 ? "" : " error_code " + errorCode);

    if (status == 502 || status == 503 || status == 504) {
      return new RegistryUnavailableException(baseUrl, context + " (registry temporarily unavailable): " + said);
    }
    if (errorCode == 40401 || errorCode == 40402 || errorCode == 40403) {
      return new SchemaNotFoundException(errorCode, context + ": " + said);
    }
    if (status == 409 && op == Operation.REGISTER) {
      return new IncompatibleSchemaException(subject, context
          + ": the schema is not compatible with the subject's compatibility level: " + said);
    }
    if (status == 422 && (errorCode == 42201 || errorCode == -1 || errorCode == 422)
        && (op == Operation.REGISTER || op == Operation.LOOKUP || op == Operation.COMPATIBILITY)) {
      return new InvalidSchemaException(context + ": the registry refused the schema as invalid: " + said);
    }
    if (status == 404 && errorCode == -1) {
      return new RegistryRequestException(status, errorCode, context + ": no such endpoint; check the base URL"
          + " (for Apicurio 2.x it ends in /apis/ccompat/v7): " + said);
    }
    return new RegistryRequestException(status, errorCode, context + ": " + said);
  }

  private RegistryRequestException malformed(Operation op, String field) {
    return new RegistryRequestException(200, -1, "schema registry at " + baseUrl + " answered the request to "
        + op.wording + " without a valid '" + field + "'");
  }

  private int requiredInt(JsonNode answer, String field, Operation op) {
    JsonNode value = answer == null ? null : answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw malformed(op, field);
    }
    return value.intValue();
  }

  private Schema parseSchema(JsonNode answer, String what) {
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw new InvalidSchemaException(what + " at " + baseUrl + " is a " + type + " schema, not Avro");
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new InvalidSchemaException(what + " at " + baseUrl + ": the answer carries no schema text");
    }
    boolean hasReferences = answer.path("references").isArray() && !answer.path("references").isEmpty();
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new InvalidSchemaException(what + " at " + baseUrl + " is not a usable Avro schema"
          + (hasReferences ? " (it uses schema references, which this client does not resolve)" : ""), e);
    }
  }

  private String levelOf(JsonNode answer) {
    // GET answers {"compatibilityLevel": ...}; some versions echo {"compatibility": ...}.
    JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
    if (level == null || !level.isTextual()) {
      throw malformed(Operation.GET_CONFIG, "compatibilityLevel");
    }
    return level.asText();
  }

  private static ObjectNode schemaBody(Schema schema) {
    // schemaType AVRO is the default; both Confluent and Apicurio 2.6 accept it stated explicitly.
    return JSON.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO");
  }

  private static ObjectNode levelBody(String level) {
    return JSON.createObjectNode().put("compatibility", CompatibilityLevel.parse(level).name());
  }

  // ---------------------------------------------------------------- validation of our own arguments

  private static URI parseBaseUrl(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("schema registry URL is missing");
    }
    if (baseUrl.contains(",")) {
      throw new IllegalArgumentException("schema registry URL must be a single URL, not a comma-separated list");
    }
    String trimmed = baseUrl.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("schema registry URL is not a valid URL", e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "schema registry URL must look like http(s)://host:port[/path], e.g. http://127.0.0.1:8080/apis/ccompat/v7");
    }
    return uri;
  }

  private static String withoutUserInfo(URI uri) {
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme().toLowerCase() + "://" + uri.getHost() + port + path;
  }

  private static String decode(String rawUserInfo) {
    return java.net.URLDecoder.decode(rawUserInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Duration requirePositive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
    return d;
  }

  private static String requireSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    for (int i = 0; i < subject.length(); i++) {
      if (Character.isISOControl(subject.charAt(i))) {
        throw new IllegalArgumentException("subject must not contain control characters");
      }
    }
    return subject;
  }

  private static String encode(String subject) {
    // URLEncoder is for forms; a path segment wants %20, not +.
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A registry's message or body as a short single line, so a proxy's HTML page cannot flood a log. */
  private static String quote(String text) {
    if (text == null || text.isBlank()) {
      return "(empty answer)";
    }
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_QUOTED_BODY ? line : line.substring(0, MAX_QUOTED_BODY) + "...";
  }

  private record SubjectSchema(String subject, Schema schema) {}
}
