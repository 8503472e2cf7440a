package org.safehaven.ingest.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.id.ForceId;
import org.safehaven.ingest.file.FileImporter;
import org.safehaven.ingest.file.ProgressListener;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.Origin;
import org.safehaven.ingest.pipeline.Outcome;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.ingest.validate.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP entry: {@code POST /api/v1/events} with one JSON event or a JSON array of events.
 *
 * <p>Contract (every answer is JSON, never a stack trace):
 * <ul>
 *   <li>{@code 401} without a bearer token or with an unknown one ({@code WWW-Authenticate: Bearer}).</li>
 *   <li>{@code 403} when the token may not submit (OVERSIGHT, RESEARCHER), or when any item names
 *       another force than the token's: the token is wrong for the whole request, so nothing of it is
 *       ingested (no partial acceptance the client would have to untangle). Items whose force is missing
 *       or unknown are not a permission matter; they are validated and rejected like any bad event.</li>
 *   <li>{@code 413} when the body exceeds {@code ingest.maxBodyBytes} (checked on Content-Length and
 *       while reading); nothing is ingested.</li>
 *   <li>Otherwise every item goes through the {@link IngestPipeline}, exactly as a file line or a raw
 *       record would, and the answer lists one outcome per item, in order:
 *       {@code {"read":n,"accepted":a,"duplicates":d,"rejected":r,"items":[{"index":0,"outcome":"ACCEPTED",
 *       "eventId":"e-1"},{"index":1,"outcome":"REJECTED","errors":[{"path":"$.force","rule":"enum",
 *       "message":"..."}]}]}}. Status {@code 202} when every item was accepted or a duplicate, {@code 400}
 *       when every item was rejected, {@code 207} when some of each. A body that is not an array is one
 *       item; an array whose items cannot be told apart (broken JSON) is one malformed item.</li>
 *   <li>{@code 503} (with {@code Retry-After}) when an outcome could not be written; items marked
 *       {@code NOT_WRITTEN} may be sent again safely (dedup).</li>
 * </ul>
 * Also {@code POST /api/v1/import} (OPERATOR tokens only): a JSON Lines stream, imported like a file;
 * answers the counts. {@code GET /api/v1/ingest/health}: 200 and {@code {"status":"UP"}}.
 */
public final class IngestHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WRITE_TIMEOUT_SECONDS = 60;

  private final IngestPipeline pipeline;
  private final TokenStore tokens;
  private final long maxBodyBytes;
  private final ObjectMapper bodyReader;
  private final ObjectMapper splitter;
  private final Javalin app;

  public IngestHttpServer(IngestPipeline pipeline, TokenStore tokens, long maxBodyBytes) {
    this.pipeline = pipeline;
    this.tokens = tokens;
    this.maxBodyBytes = maxBodyBytes;
    Limits l = pipeline.validator().limits();
    // One level deeper than an event for the enclosing array.
    this.bodyReader = EventValidator.strictMapper(maxBodyBytes, l.maxStringLength(), l.maxNestingDepth() + 1);
    this.splitter = EventValidator.boundedMapper(maxBodyBytes, l.maxStringLength(), l.maxNestingDepth() + 1, false);
    this.app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.http.maxRequestSize = maxBodyBytes;
    });
    app.post("/api/v1/events", this::events);
    app.post("/api/v1/import", this::importLines);
    app.get("/api/v1/ingest/health", ctx -> ctx.json(JSON.createObjectNode().put("status", "UP")));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("ingest HTTP request failed ({})", e.getClass().getName());
      error(ctx, 500, "internal", "the request could not be handled");
    });
    app.error(404, ctx -> {
      if (ctx.result() == null) {
        error(ctx, 404, "not-found", "no such endpoint");
      }
    });
  }

  public IngestHttpServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  // ---------------------------------------------------------------- POST /api/v1/events

  private void events(Context ctx) throws Exception {
    Optional<AccessRole> role = authenticate(ctx);
    if (role.isEmpty()) {
      return;
    }
    if (!role.get().maySubmit()) {
      error(ctx, 403, "forbidden", "this token may not submit events");
      return;
    }
    byte[] body = readBody(ctx);
    if (body == null) {
      return;
    }
    List<byte[]> items = split(body);
    if (role.get().kind() == AccessRole.Kind.FORCE) {
      for (byte[] item : items) {
        String force = peekForce(item);
        if (force != null && ForceId.isKnown(force) && !role.get().maySubmitFor(ForceId.of(force))) {
          error(ctx, 403, "forbidden", "a " + role.get() + " token may submit only its own force's events; "
              + "nothing in this request was ingested");
          return;
        }
      }
    }
    List<IngestPipeline.Prepared> prepared = new ArrayList<>(items.size());
    for (byte[] item : items) {
      prepared.add(pipeline.prepare(item, 0, item.length, Origin.HTTP));
    }
    List<CompletableFuture<Outcome>> futures = pipeline.commit(prepared); // in request order, one dedup lookup
    pipeline.flush();
    answer(ctx, futures);
  }

  private void answer(Context ctx, List<CompletableFuture<Outcome>> futures) throws InterruptedException {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = JSON.createArrayNode();
    long accepted = 0;
    long duplicates = 0;
    long rejected = 0;
    long notWritten = 0;
    for (int i = 0; i < futures.size(); i++) {
      ObjectNode item = list.addObject().put("index", i);
      Outcome o;
      try {
        o = futures.get(i).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        notWritten++;
        item.put("outcome", "NOT_WRITTEN");
        continue;
      }
      item.put("outcome", o.kind().name());
      if (o.eventId() != null) {
        item.put("eventId", o.eventId());
      }
      switch (o.kind()) {
        case ACCEPTED -> accepted++;
        case DUPLICATE -> duplicates++;
        case REJECTED -> {
          rejected++;
          ArrayNode errors = item.putArray("errors");
          for (Violation v : o.violations()) {
            errors.addObject().put("path", v.path()).put("rule", v.rule().code()).put("message", v.message());
          }
        }
      }
    }
    out.put("read", futures.size()).put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected);
    if (notWritten > 0) {
      out.put("notWritten", notWritten);
    }
    out.set("items", list);
    int status;
    if (notWritten > 0) {
      status = 503;
      ctx.header("Retry-After", "5");
    } else if (rejected == 0) {
      status = 202;
    } else if (accepted + duplicates == 0) {
      status = 400;
    } else {
      status = 207;
    }
    ctx.status(status).contentType("application/json").result(out.toString());
  }

  /**
   * The items of a body: each element's exact bytes when it is a JSON array, else the body itself. An
   * array that cannot be split (broken JSON) is one item, which the pipeline then refuses as malformed.
   */
  List<byte[]> split(byte[] body) {
    int first = 0;
    while (first < body.length && Character.isWhitespace(body[first])) {
      first++;
    }
    if (first >= body.length || body[first] != '[') {
      return List.of(body);
    }
    List<byte[]> items = new ArrayList<>();
    try (JsonParser p = splitter.createParser(body)) {
      p.nextToken(); // START_ARRAY
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          return List.of(body);
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        items.add(java.util.Arrays.copyOfRange(body, start, end));
      }
      if (p.nextToken() != null) {
        return List.of(body);
      }
    } catch (IOException e) {
      return List.of(body);
    }
    return items.isEmpty() ? List.of(body) : items;
  }

  /** The force an item names, when it parses as an object with a string force; else null. */
  private String peekForce(byte[] item) {
    try {
      JsonNode n = bodyReader.readTree(item);
      JsonNode f = n == null ? null : n.get("force");
      return f != null && f.isTextual() ? f.textValue() : null;
    } catch (IOException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- POST /api/v1/import

  private void importLines(Context ctx) throws IOException {
    Optional<AccessRole> role = authenticate(ctx);
    if (role.isEmpty()) {
      return;
    }
    if (role.get().kind() != AccessRole.Kind.OPERATOR) {
      error(ctx, 403, "forbidden", "only the platform operator's token may import files");
      return;
    }
    IngestCounts.Snapshot s = new FileImporter(pipeline).importStream(ctx.req().getInputStream(), -1,
        ProgressListener.NONE);
    ObjectNode out = JSON.createObjectNode().put("read", s.read()).put("accepted", s.accepted())
        .put("duplicates", s.duplicates()).put("rejected", s.rejected()).put("failed", s.failed())
        .put("line", s.line());
    if (s.failed() > 0) {
      ctx.header("Retry-After", "5");
    }
    ctx.status(s.failed() > 0 ? 503 : 200).contentType("application/json").result(out.toString());
  }

  // ---------------------------------------------------------------- common

  private Optional<AccessRole> authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    Optional<AccessRole> role = Optional.empty();
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      role = tokens.authenticate(header.substring(7).trim());
    }
    if (role.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"safehaven\"");
      error(ctx, 401, "unauthorized", header == null ? "a bearer token is required" : "the token is not valid");
    }
    return role;
  }

  /** The body, or null after answering 413 when it is larger than allowed. */
  private byte[] readBody(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      tooLarge(ctx);
      return null;
    }
    InputStream in = ctx.req().getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(1024, Math.min(declared, 1 << 20)));
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
      if (total > maxBodyBytes) {
        tooLarge(ctx);
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private void tooLarge(Context ctx) {
    error(ctx, 413, "too-large", "the request body is larger than the limit of " + maxBodyBytes + " bytes");
  }

  private static void error(Context ctx, int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("status", status).put("error", code).put("message", message);
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  @Override
  public void close() {
    app.stop();
  }
}
