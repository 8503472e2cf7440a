package org.safehaven.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.ingest.dedup.DedupStore;
import org.safehaven.ingest.http.IngestHttpServer;
import org.safehaven.ingest.pipeline.IngestPipeline;
import org.safehaven.ingest.pipeline.KafkaEventSink;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.rawtopic.RawTopicIngestor;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest as a running service: the HTTP entry and the raw-topic entry over one {@link IngestPipeline},
 * against a running Kafka and registry. {@code ./safehaven up} starts it; closing it stops both entries,
 * flushes what is pending and releases the dedup store.
 *
 * <p>It owns the deduplication store ({@code DATA/ingest/dedup} by default), so while it runs it is the
 * only ingest writer: {@code ./safehaven ingest FILE} streams files to its {@code /api/v1/import}
 * endpoint with the operator token it leaves in {@link #operatorTokenFile} (mode 0600). Tokens live in
 * {@code DATA/secrets/tokens.json} ({@link TokenStore}).
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /** Where the service finds Kafka and the registry, and the data directory it writes under. */
  public record Endpoints(String kafkaBootstrap, String registryUrl, Path dataDir) {
    public Endpoints {
      Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
      Objects.requireNonNull(registryUrl, "registryUrl");
      Objects.requireNonNull(dataDir, "dataDir");
    }
  }

  private final List<AutoCloseable> resources;
  private final IngestPipeline pipeline;
  private final IngestHttpServer http;
  private final RawTopicIngestor raw;
  private final String httpUrl;
  private final Path operatorTokenFile;

  private IngestService(List<AutoCloseable> resources, IngestPipeline pipeline, IngestHttpServer http,
                        RawTopicIngestor raw, String httpUrl, Path operatorTokenFile) {
    this.resources = resources;
    this.pipeline = pipeline;
    this.http = http;
    this.raw = raw;
    this.httpUrl = httpUrl;
    this.operatorTokenFile = operatorTokenFile;
  }

  /**
   * Starts ingest. Creates the ingest topics if missing.
   *
   * @param key the pseudonymisation key: {@link PseudonymisationKey#fromEnvironment} in a deployment,
   *            {@link PseudonymisationKey#forDemo} in the embedded demo
   */
  public static IngestService start(Endpoints endpoints, SafeHavenConfig config, PseudonymisationKey key) {
    SafeHavenConfig.Ingest settings = config.ingest();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      TopicSetup.ensure(endpoints.kafkaBootstrap(), config.topics());
      SchemaRegistryClient registry = new HttpSchemaRegistryClient(endpoints.registryUrl());
      opened.add(registry);
      DedupStore dedup = DedupStore.open(settings.dedupPath(endpoints.dataDir()));
      opened.add(dedup);
      KafkaEventSink sink = new KafkaEventSink(endpoints.kafkaBootstrap(), registry, settings);
      opened.add(sink);
      IngestPipeline pipeline = new IngestPipeline(new EventValidator(Limits.from(settings), Clock.systemUTC()),
          new Pseudonymiser(key), dedup, sink, Clock.systemUTC());
      TokenStore tokens = TokenStore.open(TokenStore.defaultFile(endpoints.dataDir()));
      Path operatorFile = ensureOperatorToken(tokens, endpoints.dataDir());
      RawTopicIngestor raw = new RawTopicIngestor(endpoints.kafkaBootstrap(), settings.rawTopicGroupId(), pipeline);
      opened.add(raw);
      raw.start();
      IngestHttpServer http = new IngestHttpServer(pipeline, tokens, settings.maxBodyBytes());
      opened.add(http);
      http.start(settings.httpHost(), settings.httpPort());
      String url = "http://" + settings.httpHost() + ":" + http.port();
      LOG.info("ingest is listening on {} and consuming {}", url, org.safehaven.core.topic.Topics.EVENTS_RAW.name());
      return new IngestService(opened, pipeline, http, raw, url, operatorFile);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /**
   * The operator token in {@code DATA/secrets/operator.token}: reused while it is valid, else created.
   */
  static Path ensureOperatorToken(TokenStore tokens, Path dataDir) {
    Path file = operatorTokenFile(dataDir);
    try {
      if (Files.exists(file)) {
        String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (tokens.authenticate(existing).filter(r -> r.kind() == AccessRole.Kind.OPERATOR).isPresent()) {
          return file;
        }
      }
      String token = tokens.create(AccessRole.OPERATOR, "ingest service (local file imports)").token();
      TokenStore.createPrivateDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the operator token " + file, e);
    }
  }

  public static Path operatorTokenFile(Path dataDir) {
    return dataDir.resolve("secrets").resolve("operator.token");
  }

  /** The base URL of the HTTP entry, e.g. {@code http://127.0.0.1:43117} (POST /api/v1/events). */
  public String httpUrl() {
    return httpUrl;
  }

  public Path operatorTokenFile() {
    return operatorTokenFile;
  }

  public IngestPipeline pipeline() {
    return pipeline;
  }

  public RawTopicIngestor rawTopic() {
    return raw;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> opened) {
    // In reverse: entries stop taking events before the sink and the dedup store close.
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed ({})", opened.get(i).getClass().getSimpleName(), e.getClass().getName());
      }
    }
  }
}
