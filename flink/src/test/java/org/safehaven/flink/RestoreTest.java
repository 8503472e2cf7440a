package org.safehaven.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.rules.RuleSettings;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.schema.Alert;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.ForceDayMetrics;

/**
 * Exactly once across a crash: the job is cancelled in the middle of a test world, restored from its last
 * retained checkpoint, and run to the end. The alerts committed by the two runs together are exactly the
 * answer key, none twice.
 */
class RestoreTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void aJobCancelledMidStreamAndRestoredFromItsLastCheckpointRaisesEveryAlertOfTheKeyExactlyOnce(@TempDir Path dir)
      throws Exception {
    RuleSettings rules = RuleSettings.of(PolicyLoader.builtIn());
    TestWorld world = TestWorld.generate(dir, 21);
    List<KeyAlert> expected = world.expectedAlerts();
    Path checkpoints = dir.resolve("checkpoints");
    CommittingSink<Alert> alerts = new CommittingSink<>("restore-alerts-" + System.nanoTime());

    // First run: slow enough to be stopped half way.
    StreamExecutionEnvironment first = env(checkpoints, null);
    new DeferralJob(ListSource.throttled(world.canonical(), world.canonical().size() / 6.0), alerts,
        new CollectingSink<ForceDayMetrics>(), new CollectingSink<DeadLetter>(), rules,
        DeferralJob.Options.replay(rules, false)).build(first);
    JobClient job = first.executeAsync("restore test, first run");
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> alerts.committed().size() >= expected.size() / 3);
    job.cancel().get();
    int beforeCrash = alerts.committed().size();
    assertThat(beforeCrash).as("cancelled mid-stream").isLessThan(expected.size());

    Path last = latestCheckpoint(checkpoints.resolve(job.getJobID().toString()))
        .orElseThrow(() -> new AssertionError("no retained checkpoint"));

    // Second run: the same job restored from the checkpoint, at full speed.
    StreamExecutionEnvironment second = env(checkpoints, last);
    new DeferralJob(ListSource.of(world.canonical()), alerts, new CollectingSink<ForceDayMetrics>(),
        new CollectingSink<DeadLetter>(), rules, DeferralJob.Options.replay(rules, false)).build(second);
    second.execute("restore test, restored run");

    List<Alert> all = alerts.committed();
    assertThat(all).extracting(Alert::getAlertId).doesNotHaveDuplicates();
    assertThat(AlertComparison.asKey(all)).containsExactlyElementsOf(expected);
  }

  private static StreamExecutionEnvironment env(Path checkpoints, Path restoreFrom) {
    Configuration c = new Configuration();
    c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
    c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (restoreFrom != null) {
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
    env.setParallelism(2);
    return env;
  }

  static Optional<Path> latestCheckpoint(Path jobDir) {
    try (Stream<Path> s = Files.list(jobDir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
