package org.safehaven.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.policy.PolicyLoader;
import org.safehaven.flink.event.InputEvent;
import org.safehaven.flink.io.InterchangeFormat;
import org.safehaven.flink.metrics.DailyMetrics;
import org.safehaven.rules.RuleSettings;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.schema.Alert;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.Rule;

/**
 * The whole job on a MiniCluster against the generator's answer key (computed independently by its
 * ReferenceRules): a test world with every edge case raises exactly the key's DELAYED_SHARING and
 * SYSTEMATIC_DEFERRAL alerts, field by field, once each: in event-time order (as a live feed delivers), shuffled
 * within the allowed lateness, and replayed from the interchange file itself (bad lines, duplicates and all).
 */
class AnswerKeyTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  static Path dir;
  static RuleSettings rules;
  static TestWorld world;
  static TestWorld shuffled;
  private static Outputs inOrder;

  @BeforeAll
  static void generate() {
    rules = RuleSettings.of(PolicyLoader.builtIn());
    world = TestWorld.generate(dir, 7);
    shuffled = TestWorld.generate(dir, 8, "--shuffle-hours", "23");
  }

  /** The in-order world's outputs, computed once for the tests that read them (each run costs seconds). */
  static synchronized Outputs inOrder() throws Exception {
    if (inOrder == null) {
      inOrder = run(ListSource.of(world.canonical()), DeferralJob.Options.replay(rules, false));
    }
    return inOrder;
  }

  record Outputs(List<Alert> alerts, List<ForceDayMetrics> metrics, List<DeadLetter> deadLetters) {}

  static Outputs run(org.apache.flink.api.connector.source.Source<InputEvent, ?, ?> source, DeferralJob.Options options)
      throws Exception {
    CollectingSink<Alert> alerts = new CollectingSink<>();
    CollectingSink<ForceDayMetrics> metrics = new CollectingSink<>();
    CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    new DeferralJob(source, alerts, metrics, deadLetters, rules, options).execute(env, "answer key test");
    return new Outputs(alerts.values(), metrics.values(), deadLetters.values());
  }

  @Test
  void eventsInEventTimeOrderRaiseExactlyTheKeysAlertsOfAllFourRules() throws Exception {
    List<KeyAlert> expected = world.expectedAlerts();
    assertThat(expected).filteredOn(a -> a.rule() == Rule.DELAYED_SHARING).hasSizeGreaterThan(20);
    assertThat(expected).filteredOn(a -> a.rule() == Rule.SYSTEMATIC_DEFERRAL).isNotEmpty();

    Outputs out = inOrder();

    assertThat(AlertComparison.asKey(out.alerts())).containsExactlyElementsOf(expected);
    assertThat(out.alerts()).allSatisfy(a -> assertThat(a.getPolicyVersion()).isEqualTo(rules.policyVersion));
    assertThat(out.deadLetters()).isEmpty();
  }

  @Test
  void eventsShuffledWithinTheAllowedLatenessRaiseExactlyTheSameKey() throws Exception {
    Outputs out = run(ListSource.of(shuffled.canonical()), DeferralJob.Options.replay(rules, false));

    assertThat(AlertComparison.asKey(out.alerts())).containsExactlyElementsOf(shuffled.expectedAlerts());
  }

  @Test
  void replayingTheInterchangeFileGivesTheSameAlertsAndMetricsAsTheCanonicalEvents() throws Exception {
    FileSource<InputEvent> file = FileSource.forRecordStreamFormat(
        new InterchangeFormat(InterchangeFormat.KeySource.file(world.keyFile())),
        new org.apache.flink.core.fs.Path(world.file().toUri())).build();

    Outputs fromFile = run(file, DeferralJob.Options.replay(rules, true));
    Outputs fromTopics = inOrder();

    assertThat(AlertComparison.asKey(fromFile.alerts())).containsExactlyElementsOf(world.expectedAlerts());
    assertThat(sorted(fromFile.metrics())).isEqualTo(sorted(fromTopics.metrics()));
    // The file's bad lines (the test profile plants 1%) are dead letters, with ingest's reasons.
    assertThat(fromFile.deadLetters()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.getPayload()).startsWith("(not copied: interchange file line"));
  }

  @Test
  void dailyMetricsCountEveryEventOnceAndNoAlertsWhichAreTheAlertIndexsToCount() throws Exception {
    Outputs out = inOrder();

    long reports = world.canonical().stream().filter(e -> e.kind == InputEvent.Kind.REPORT).count();
    long queries = world.canonical().stream().filter(e -> e.kind == InputEvent.Kind.PNC_QUERY).count();
    long disclosures = world.canonical().stream().filter(e -> e.kind == InputEvent.Kind.DISCLOSURE).count();
    assertThat(out.metrics().stream().mapToLong(ForceDayMetrics::getCrimeReports).sum()).isEqualTo(reports);
    assertThat(out.metrics().stream().mapToLong(ForceDayMetrics::getPncQueries).sum()).isEqualTo(queries);
    assertThat(out.metrics().stream().flatMap(m -> m.getDisclosuresByRecipient().values().stream())
        .mapToLong(Long::longValue).sum()).isEqualTo(disclosures);
    // Alert counts come from the alerts themselves (the API aggregates the alert index), so a count can never
    // disagree with the alert list: the metrics carry none.
    assertThat(out.metrics()).allSatisfy(m -> {
      assertThat(m.getAlertsByRule()).isEmpty();
      assertThat(m.getDelayHoursP50()).isNull();
    });
    assertThat(out.metrics()).extracting(DailyMetrics::key).doesNotHaveDuplicates();
  }

  private static List<ForceDayMetrics> sorted(List<ForceDayMetrics> m) {
    return m.stream().sorted(Comparator.comparing(DailyMetrics::key)).toList();
  }
}
