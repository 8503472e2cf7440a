package org.safehaven.ingest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.safehaven.core.config.ConfigException;
import org.safehaven.core.config.ConfigLoader;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.ingest.IngestService;
import org.safehaven.ingest.TopicSetup;
import org.safehaven.ingest.dedup.DedupStore;
import org.safehaven.ingest.pipeline.IngestCounts;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.KafkaEventSink;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./safehaven ingest [--data-dir DIR] FILE...}: imports JSON Lines files into the running stack
 * described by {@code DIR/stack.json}.
 *
 * <p>When the stack runs an ingest service ({@code extras.ingestUrl} in stack.json), the files are
 * streamed to it ({@code POST /api/v1/import} with the operator token from
 * {@code DIR/secrets/operator.token}): the service owns the dedup store, so file, HTTP and raw-topic
 * events are deduplicated together. Otherwise the command runs the pipeline itself against the stack's
 * Kafka and registry, with the dedup store under the data directory and the pseudonymisation key from
 * the environment or {@code DIR/secrets/pseudonymisation.key}.
 *
 * <p>Output: a progress bar on stderr for long files, then one line on stdout,
 * {@code read N = accepted A + duplicates D + rejected R (E events/s, S s)}. Exit code 0 when every
 * event was accounted for (rejections included: they are in the dead letters), 1 when some outcomes
 * could not be written (re-run: it is safe), 2 for unusable arguments or configuration.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Import JSON Lines files of events into the running stack (found through DIR/stack.json).")
public final class IngestCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = ".safehaven", description = "The stack's data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--config", description = "A configuration file (limits of the local pipeline).")
  Path configFile;

  @Option(names = "--set", description = "A setting key.path=value, applied last.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--workers", defaultValue = "1", description = "Threads that prepare batches of lines when the "
      + "command runs the pipeline itself; records are written in file order whatever the number "
      + "(default: ${DEFAULT-VALUE}).")
  int workers;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON Lines files, one event per line.")
  List<Path> files;

  private final Map<String, String> env;

  public IngestCommand() {
    this(System.getenv());
  }

  public IngestCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      for (Path f : files) {
        if (!Files.isReadable(f)) {
          err.println("cannot read " + f);
          return 2;
        }
      }
      JsonNode stack = readStack(dataDir);
      long started = System.nanoTime();
      IngestCounts.Snapshot total;
      String ingestUrl = stack.path("extras").path("ingestUrl").asText("");
      if (!ingestUrl.isEmpty()) {
        total = viaService(ingestUrl);
      } else {
        total = locally(stack);
      }
      double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      out.printf("%s (%,.0f events/s, %.1f s)%n", total.line(), total.read() / seconds, seconds);
      out.flush();
      return total.failed() > 0 ? 1 : 0;
    } catch (ConfigException | IllegalStateException | IllegalArgumentException e) {
      err.println("ingest: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("ingest: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The stack.json of a running stack. */
  static JsonNode readStack(Path dataDir) throws IOException {
    Path file = dataDir.resolve("stack.json");
    if (!Files.exists(file)) {
      throw new IllegalStateException("no running stack: " + file + " does not exist (start one with ./safehaven up)");
    }
    JsonNode stack = JSON.readTree(file.toFile());
    if (!stack.path("kafkaBootstrap").isTextual() || !stack.path("registryUrl").isTextual()) {
      throw new IllegalStateException(file + " does not name kafkaBootstrap and registryUrl");
    }
    return stack;
  }

  private IngestCounts.Snapshot locally(JsonNode stack) throws IOException {
    SafeHavenConfig config = new ConfigLoader(env).load(configFile, settings);
    String bootstrap = stack.get("kafkaBootstrap").asText();
    PseudonymisationKey key = env.containsKey(PseudonymisationKey.ENV_KEY) || env.containsKey(PseudonymisationKey.ENV_KEY_FILE)
        || !Files.exists(PseudonymisationKey.demoKeyFile(dataDir))
        ? PseudonymisationKey.fromEnvironment(env)
        : PseudonymisationKey.fromFile(PseudonymisationKey.demoKeyFile(dataDir));
    // The topics are checked (an admin client's round trips, about a second in a fresh JVM) while the store, the
    // schemas and the producer open; nothing is written before both are done.
    CompletableFuture<Void> topics = CompletableFuture.runAsync(() -> TopicSetup.ensure(bootstrap, config.topics()),
        runnable -> {
          Thread t = new Thread(runnable, "safehaven-topic-setup");
          t.setDaemon(true);
          t.start();
        });
    try (SchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.get("registryUrl").asText());
         DedupStore dedup = DedupStore.open(config.ingest().dedupPath(dataDir));
         KafkaEventSink sink = new KafkaEventSink(bootstrap, registry, config.ingest())) {
      try {
        topics.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      IngestPipeline pipeline = new IngestPipeline(new EventValidator(Limits.from(config.ingest()), Clock.systemUTC()),
          new Pseudonymiser(key), dedup, sink, Clock.systemUTC());
      FileImporter importer = new FileImporter(pipeline, Math.max(1, workers));
      long[] sum = new long[5];
      for (Path f : files) {
        try (ConsoleProgress progress = new ConsoleProgress(f.getFileName().toString())) {
          add(sum, importer.importFile(f, progress));
        }
        if (sum[4] > 0) {
          break; // the broker is unreachable: stop rather than fail every remaining line
        }
      }
      return new IngestCounts.Snapshot(sum[0], sum[1], sum[2], sum[3], sum[4]);
    }
  }

  private IngestCounts.Snapshot viaService(String ingestUrl) throws IOException, InterruptedException {
    Path tokenFile = IngestService.operatorTokenFile(dataDir);
    if (!Files.exists(tokenFile)) {
      throw new IllegalStateException("the ingest service's operator token " + tokenFile + " is missing");
    }
    String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long[] sum = new long[5];
    for (Path f : files) {
      try (ConsoleProgress progress = new ConsoleProgress(f.getFileName().toString());
           CountingStream in = new CountingStream(Files.newInputStream(f), Files.size(f), progress)) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/import"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in))
            .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!body.has("read")) {
          throw new IOException("the ingest service answered " + response.statusCode() + ": "
              + body.path("message").asText("no message"));
        }
        add(sum, new IngestCounts.Snapshot(body.get("read").asLong(), body.get("accepted").asLong(),
            body.get("duplicates").asLong(), body.get("rejected").asLong(), body.path("failed").asLong()));
      }
      if (sum[4] > 0) {
        break;
      }
    }
    return new IngestCounts.Snapshot(sum[0], sum[1], sum[2], sum[3], sum[4]);
  }

  private static void add(long[] sum, IngestCounts.Snapshot s) {
    sum[0] += s.read();
    sum[1] += s.accepted();
    sum[2] += s.duplicates();
    sum[3] += s.rejected();
    sum[4] += s.failed();
  }

  /** Counts the bytes and lines sent, to drive the progress bar while the service imports. */
  private static final class CountingStream extends FilterInputStream {
    private final long total;
    private final ProgressListener progress;
    private final IngestCounts lines = new IngestCounts();
    private long bytes;
    private long lastNanos;

    CountingStream(InputStream in, long total, ProgressListener progress) {
      super(in);
      this.total = total;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(b, off, n);
      }
      return n;
    }

    private void count(byte[] b, int off, int n) {
      bytes += n;
      for (int i = off; i < off + n; i++) {
        if (b[i] == '\n') {
          lines.read();
        }
      }
      long now = System.nanoTime();
      if (now - lastNanos > 250_000_000L) {
        lastNanos = now;
        progress.progress(bytes, total, lines.snapshot());
      }
    }
  }
}
