package org.safehaven.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.safehaven.core.config.ConfigException;
import org.safehaven.core.policy.PolicyException;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.flink.io.InterchangeFormat;
import org.safehaven.flink.io.KafkaIo;
import org.safehaven.flink.io.TopicNames;
import org.safehaven.rules.RuleSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code safehaven flink}: the job's entry point, the same on a laptop and on a cluster.
 *
 * <ul>
 *   <li>{@code live}: unbounded, from the canonical topics, checkpointed every {@code --checkpoint-interval}
 *       with exactly-once Kafka sinks. Run as a plain Java program it starts a local MiniCluster in this JVM
 *       (the embedded stack); run with {@code flink run} it goes to that cluster.</li>
 *   <li>{@code replay}: bounded; the canonical topics' history between {@code --from} and {@code --to}
 *       (record timestamps), or interchange files ({@code --file}, pseudonymised with the deployment's key
 *       from SAFEHAVEN_PSEUDONYMISATION_KEY or _FILE). Writes to the same topics, with the same alert ids, so a
 *       replay over already-processed history gives alerts consumers recognise as already seen.</li>
 * </ul>
 *
 * Local state: checkpoints under {@code --state-dir} are retained on cancellation; a local {@code live} start
 * resumes from the newest one (so a restart of {@code ./safehaven up} neither loses nor repeats an alert).
 * Exit codes: 0 done (replay), 1 the job failed, 2 unusable options or policy.
 */
@Command(name = "flink", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the Flink job: DELAYED_SHARING, SYSTEMATIC_DEFERRAL and daily metrics per force.")
public final class FlinkMain implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODE", description = "live or replay")
  private String mode;

  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  private String bootstrap;

  @Option(names = "--registry", required = true, paramLabel = "URL",
      description = "Confluent-compatible schema registry URL.")
  private String registry;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (default: $SAFEHAVEN_POLICY_FILE, ./policy/safehaven-policy.yml, built-in).")
  private Path policy;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where checkpoints are kept (local runs).")
  private Path stateDir;

  @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism (default: ${DEFAULT-VALUE}).")
  private int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
      description = "Checkpoint interval; alerts become visible to read_committed readers at each (default: ${DEFAULT-VALUE}).")
  private String checkpointInterval;

  @Option(names = "--out-of-orderness", paramLabel = "DURATION",
      description = "Watermark bound (default: the policy's allowedLateness).")
  private String outOfOrderness;

  @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every topic name (default: none).")
  private String topicPrefix;

  @Option(names = "--group-id", defaultValue = "safehaven-flink", description = "Consumer group (default: ${DEFAULT-VALUE}).")
  private String groupId;

  @Option(names = "--from", paramLabel = "INSTANT", description = "Replay: first record timestamp (ISO-8601).")
  private String from;

  @Option(names = "--to", paramLabel = "INSTANT", description = "Replay: stop before this record timestamp.")
  private String to;

  @Option(names = "--file", paramLabel = "FILE", description = "Replay interchange files instead of the topics.")
  private List<Path> files = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new FlinkMain()).execute(args));
  }

  @Override
  public Integer call() {
    JobPlan plan;
    try {
      plan = plan();
    } catch (IllegalArgumentException | PolicyException | ConfigException e) {
      System.err.println("flink: " + e.getMessage());
      return 2;
    }
    try {
      plan.job().execute(plan.env(), plan.name());
      return 0;
    } catch (Exception e) {
      // The cause chain may carry record details; the class names say enough here, the Flink log has the rest.
      System.err.println("flink: the job failed (" + e.getClass().getSimpleName()
          + (e.getCause() != null ? ", caused by " + e.getCause().getClass().getSimpleName() : "") + ")");
      return 1;
    }
  }

  /** The environment, the job and its name for the options: validated, nothing started. */
  public record JobPlan(StreamExecutionEnvironment env, DeferralJob job, String name) {}

  JobPlan plan() {
    boolean live = switch (mode) {
      case "live" -> true;
      case "replay" -> false;
      default -> throw new IllegalArgumentException("MODE must be live or replay");
    };
    if (live && (from != null || to != null || !files.isEmpty())) {
      throw new IllegalArgumentException("--from, --to and --file are for replay only");
    }
    if (!files.isEmpty() && (from != null || to != null)) {
      throw new IllegalArgumentException("--from/--to select topic history; they do not apply to --file");
    }
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("--parallelism must be between 1 and 64");
    }
    RuleSettings rules = RuleSettings.of(PolicyLoader.resolve(policy).policy());
    Duration bound = outOfOrderness == null ? rules.allowedLateness() : duration("--out-of-orderness", outOfOrderness);
    Duration interval = duration("--checkpoint-interval", checkpointInterval);
    TopicNames topics = topicPrefix.isEmpty() ? TopicNames.platform() : TopicNames.prefixed(topicPrefix);
    String txPrefix = groupId + (live ? "-live" : "-replay-" + System.currentTimeMillis());

    Source<InputEvent, ?, ?> source;
    DeferralJob.Options options;
    if (live) {
      source = KafkaIo.liveSource(bootstrap, registry, topics, groupId);
      // The live platform's alerts are the Streams application's alone: live, this job writes daily metrics.
      options = new DeferralJob.Options(bound, Duration.ofSeconds(30), false, false);
    } else if (!files.isEmpty()) {
      org.apache.flink.core.fs.Path[] paths = files.stream()
          .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
          .toArray(org.apache.flink.core.fs.Path[]::new);
      source = FileSource.forRecordStreamFormat(new InterchangeFormat(InterchangeFormat.KeySource.environment()), paths)
          .build();
      options = new DeferralJob.Options(bound, null, true);
    } else {
      source = KafkaIo.replaySource(bootstrap, registry, topics, groupId + "-replay", instant("--from", from),
          instant("--to", to));
      options = new DeferralJob.Options(bound, null, false);
    }
    DeferralJob job = new DeferralJob(source,
        KafkaIo.alertSink(bootstrap, registry, topics, txPrefix),
        KafkaIo.metricsSink(bootstrap, registry, topics, txPrefix),
        KafkaIo.deadLetterSink(bootstrap, registry, topics, txPrefix),
        rules, options);

    Configuration c = new Configuration();
    c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    if (stateDir != null) {
      c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, stateDir.toAbsolutePath().toUri().toString());
      c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      if (live) {
        latestCheckpoint(stateDir).ifPresent(p -> c.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
      }
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
    env.setParallelism(parallelism);
    return new JobPlan(env, job, "safehaven " + mode + " (policy " + rules.policyVersion + ")");
  }

  /** The newest retained checkpoint under a checkpoint directory (any job), if one was completed. */
  public static Optional<Path> latestCheckpoint(Path checkpointsDir) {
    if (!Files.isDirectory(checkpointsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(checkpointsDir, 2)) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparing(FlinkMain::modified));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p.resolve("_metadata"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Duration duration(String option, String text) {
    try {
      Duration d = PolicyLoader.parseDuration(text);
      if (d.isNegative()) {
        throw new IllegalArgumentException(option + " must not be negative");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be a duration such as 5s, 10m, 24h or PT5S");
    }
  }

  private static Instant instant(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
  }
}
