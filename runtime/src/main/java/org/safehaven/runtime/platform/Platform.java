package org.safehaven.runtime.platform;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.safehaven.api.ApiServer;
import org.safehaven.api.DemoTokens;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.topic.Topics;
import org.safehaven.dashboards.DashboardAssets;
import org.safehaven.indexer.IndexerService;
import org.safehaven.ingest.IngestService;
import org.safehaven.ingest.pseudonymise.PseudonymisationKey;
import org.safehaven.runtime.RunningStack;
import org.safehaven.runtime.StackInfo;
import org.safehaven.streams.StreamsApp;

/**
 * The whole platform on a running embedded stack, as {@code ./safehaven up} runs it: ingest (HTTP and the raw
 * topic), the Kafka Streams application, the Flink job, the indexer, the API with the web dashboard and, in
 * demo mode, the live generator feeding the raw topic.
 *
 * <p>Contract: services start in dependency order and are closed in reverse ({@link ServiceChain}); a service
 * that fails to start stops those already started and surfaces as one {@code StackException} line. The
 * platform registers itself with {@link RunningStack#closeFirst}, so the stack's shutdown hook (Ctrl-C,
 * SIGTERM) stops it before any server goes away. stack.json gets {@code ingestUrl}, {@code apiUrl},
 * {@code dashboardUrl} and the demo tokens ({@code token.oversight}, ...): the embedded stack is a developer's
 * own machine.
 *
 * <p>Demo mode runs the Flink job (daily flow metrics; the alerts are the Streams application's) with a
 * watermark bound of {@link #DEMO_OUT_OF_ORDERNESS} instead of the policy's allowedLateness (24 h): the live
 * generator writes in event-time order, and with the default a day's metrics would close a day late.
 */
public final class Platform implements AutoCloseable {

  public static final Duration DEMO_OUT_OF_ORDERNESS = Duration.ofSeconds(10);

  /** What to start on top of the stack. */
  public record Options(boolean demo) {}

  private final ServiceChain services;
  private final Map<String, String> extras;
  private final FlinkJob flink;

  private Platform(ServiceChain services, Map<String, String> extras, FlinkJob flink) {
    this.services = services;
    this.extras = extras;
    this.flink = flink;
  }

  /** Starts every service in order; on failure nothing started stays running (see the class contract). */
  public static Platform start(RunningStack stack, SafeHavenConfig config, Options options, Consumer<String> progress) {
    StackInfo info = stack.info();
    Path dataDir = stack.dataDir();
    String kafka = info.kafkaBootstrap();
    String registry = info.registryUrl();
    String es = info.elasticsearchUrl();
    ServiceChain chain = new ServiceChain(progress);
    // Registered before anything starts, so a Ctrl-C during start-up stops what has started.
    stack.closeFirst(chain);

    IngestService ingest = chain.start("ingest", () -> IngestService.start(
        new IngestService.Endpoints(kafka, registry, dataDir), config,
        PseudonymisationKey.forDemo(System.getenv(), dataDir)));
    chain.start("Kafka Streams application", () -> StreamsApp.start(config, kafka, registry));
    FlinkJob flink = chain.start("Flink job", () -> FlinkJob.start(dataDir, kafka, registry,
        options.demo() ? DEMO_OUT_OF_ORDERNESS : null));
    stack.watch(flink.process());
    chain.start("indexer", () -> IndexerService.start(new IndexerService.Endpoints(kafka, registry, es),
        config.indexer()));
    TokenStore tokens = TokenStore.open(TokenStore.defaultFile(dataDir));
    Map<String, String> demoTokens = DemoTokens.issue(tokens);
    ApiServer api = chain.start("API and dashboard", () -> ApiServer.start(config,
        new ApiServer.Endpoints(kafka, registry, es), tokens, Topics.ALERTS.name(), Clock.systemUTC(),
        DashboardAssets.mount(tokens)));
    if (options.demo()) {
      chain.start("demo generator (" + DemoFeed.RATE + " events/s)", () -> DemoFeed.start(kafka));
    }

    Map<String, String> extras = new LinkedHashMap<>();
    extras.put("ingestUrl", ingest.httpUrl());
    extras.put("apiUrl", api.url());
    extras.put("dashboardUrl", api.url() + "/");
    extras.put("demo", Boolean.toString(options.demo()));
    extras.putAll(demoTokens);
    stack.addExtras(extras);
    return new Platform(chain, Map.copyOf(extras), flink);
  }

  public String dashboardUrl() {
    return extras.get("dashboardUrl");
  }

  public String apiUrl() {
    return extras.get("apiUrl");
  }

  public String ingestUrl() {
    return extras.get("ingestUrl");
  }

  public String oversightToken() {
    return extras.get("token.oversight");
  }

  public List<String> running() {
    return services.running();
  }

  /** The Flink job's child process (the stack's supervision does not watch it). */
  public FlinkJob flink() {
    return flink;
  }

  @Override
  public void close() {
    services.close();
  }
}
