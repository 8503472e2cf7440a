package org.safehaven.it.arrival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safehaven.it.arrival.ArrivalPlatform.World;

/**
 * One truth whatever the arrival: the same generated world (every edge case of the test profile, all four
 * rules) delivered in each of the ways forces deliver data gives exactly its answer key, read back through
 * the API, on the platform as {@code ./safehaven up} runs it with the published policy (allowed lateness
 * 24 h). No test waits between reports and flows: each world goes in as it comes.
 */
@ExtendWith(ArrivalPlatform.Shared.class)
class ArrivalModesIT {

  private static final Duration SETTLE = Duration.ofMinutes(4);
  /**
   * Each test's world has forces of its own. SYSTEMATIC_DEFERRAL is a pattern of a force's disclosures: two
   * worlds sharing a force and a period would form one pattern on the platform (rightly) but not in either
   * world's answer key. (The platform's other ITs use the test profile's default years, or kent and essex.)
   */
  private static final String FILE = "avon-and-somerset,bedfordshire,cambridgeshire,cheshire,city-of-london,cleveland";
  private static final String LIVE = "cumbria,derbyshire,devon-and-cornwall,dorset,durham,gloucestershire";
  private static final String SHUFFLED = "greater-manchester,hampshire,hertfordshire,humberside,lancashire,leicestershire";
  private static final String BACKLOG = "lincolnshire,merseyside,norfolk,north-wales,north-yorkshire,northamptonshire";
  private static final String KILL = "northumbria,nottinghamshire,south-wales,south-yorkshire,staffordshire,suffolk";
  private static final String BACKFILL = "surrey,sussex,thames-valley,warwickshire,west-mercia,west-midlands";

  @Test
  void aWholeWorldImportedAsOneFileInEventTimeOrderRaisesExactlyTheAnswerKey() throws Exception {
    ArrivalPlatform p = ArrivalPlatform.get();
    World world = p.generate(seed(), "--forces", FILE);
    p.importFile(world.file());
    assertExactly(p, world, "one file, event-time order");
  }

  @Test
  void aLiveFeedPostedInEventTimeOrderAtASteadyPaceRaisesExactlyTheAnswerKey() throws Exception {
    ArrivalPlatform p = ArrivalPlatform.get();
    World world = p.generate(seed(), "--forces", LIVE);
    // As forces' systems post: small batches, in order, at a steady pace (about 100 events a second).
    List<String> lines = world.lines();
    for (int i = 0; i < lines.size(); i += 10) {
      p.post(lines.subList(i, Math.min(lines.size(), i + 10)));
      Thread.sleep(100);
    }
    assertExactly(p, world, "a paced live feed over HTTP");
  }

  @Test
  void aFileShuffledWithinTheLatenessRaisesExactlyTheAnswerKey() throws Exception {
    ArrivalPlatform p = ArrivalPlatform.get();
    World world = p.generate(seed(), "--forces", SHUFFLED, "--shuffle-hours", "23");
    p.importFile(world.file());
    assertExactly(p, world, "shuffled up to 23 h");
  }

  @Test
  void aBacklogReadAfterTheApplicationWasDownRaisesExactlyTheAnswerKey() throws Exception {
    ArrivalPlatform p = ArrivalPlatform.get();
    World world = p.generate(seed(), "--forces", BACKLOG);
    p.stopStreams();
    try {
      // The whole world arrives while the application is down: on restart it is one backlog, read at once.
      p.importFile(world.file());
    } finally {
      p.startStreams();
    }
    assertExactly(p, world, "a backlog after downtime");
  }

  @Test
  void theApplicationKilledWithSigkillMidImportAndRestartedRaisesExactlyTheAnswerKey() throws Exception {
    ArrivalPlatform p = ArrivalPlatform.get();
    World world = p.generate(seed(), "--forces", KILL);
    List<String> lines = world.lines();
    int chunk = (lines.size() + 11) / 12;
    Thread feeder = new Thread(() -> {
      try {
        for (int i = 0; i < lines.size(); i += chunk) {
          p.importFile(p.write("kill-" + world.seed() + "-" + i + ".jsonl",
              lines.subList(i, Math.min(lines.size(), i + chunk))));
          Thread.sleep(1_000);
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, "feeder");
    feeder.start();
    await("the first alerts of the world").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
        .until(() -> !p.alertsOf(world).isEmpty());
    assertThat(p.alertsOf(world)).as("alerts before the kill").hasSizeLessThan(world.expected().size());
    assertThat(p.killStreams()).as("exit status of SIGKILL").isEqualTo(137);
    feeder.join(Duration.ofMinutes(2).toMillis());
    p.startStreams();
    assertExactly(p, world, "kill -9 mid-import and a restart");
  }

  @Test
  void oneForcesBatchOfLastMonthDeliveredAfterTheFeedMovedOnRaisesEveryAlertItCallsFor() throws Exception {
    ArrivalPlatform p = ArrivalPlatform.get();
    World world = p.generate(seed(), "--forces", BACKFILL);
    // The force with the most events in the world's last 30 days holds them back; everything else goes first.
    // (The profile's deliberately bad lines carry any time and force: they are left where they are.)
    Instant now = Instant.now();
    List<String> forces = List.of(BACKFILL.split(","));
    Instant end = world.lines().stream().map(ArrivalModesIT::eventTime).filter(t -> t != null && t.isBefore(now))
        .max(Instant::compareTo).orElseThrow();
    Instant monthAgo = end.minus(Duration.ofDays(30));
    Map<String, Integer> recent = new HashMap<>();
    for (String line : world.lines()) {
      Instant t = eventTime(line);
      if (t != null && !t.isBefore(monthAgo) && t.isBefore(now) && forces.contains(force(line))) {
        recent.merge(force(line), 1, Integer::sum);
      }
    }
    String late = recent.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<String> feed = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    for (String line : world.lines()) {
      Instant t = eventTime(line);
      (t != null && !t.isBefore(monthAgo) && t.isBefore(now) && late.equals(force(line)) ? batch : feed).add(line);
    }
    Set<String> held = eventIds(batch);
    long heldAlerts = world.expected().stream().filter(a -> held.contains(a.split("\\|")[1])).count();
    assertThat(heldAlerts).as("alerts whose triggering event is in %s's late batch", late).isPositive();

    p.importFile(p.write("backfill-" + world.seed() + "-feed.jsonl", feed));
    // The feed has moved on (and is decided: its alerts stand still) before the batch arrives.
    List<String> decided = awaitQuiet(p, world);
    assertThat(decided).as("the feed alone is not the key").isNotEqualTo(world.expected());
    p.importFile(p.write("backfill-" + world.seed() + "-batch.jsonl", batch));
    assertExactly(p, world, "a backfill of " + late + "'s last month");
  }

  @Test
  void aMoreRecentReportArrivingAfterTheQueryCorrectsTheAlertOnceUnderItsId() throws Exception {
    ArrivalPlatform p = ArrivalPlatform.get();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String person = "PNC-2001/" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999)) + "C";
    Instant t0 = Instant.now().minus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    p.post(List.of(report("c-r1-" + tag, "kent", "KENT-C1-" + tag, t0, "ROBBERY", person),
        "{\"type\":\"pnc_query\",\"eventId\":\"c-q-" + tag + "\",\"force\":\"essex\",\"queryId\":\"Q-" + tag
            + "\",\"queriedAt\":\"" + t0.plus(Duration.ofHours(2)) + "\",\"personId\":\"" + person
            + "\",\"reason\":\"IMMIGRATION_STATUS\"}"));
    JsonNode first = awaitAlert(p, "c-q-" + tag, a -> a.path("reportId").asText().equals("KENT-C1-" + tag));
    // Later in arrival, earlier in event time than the query: a more recent report, from another force.
    p.post(List.of(report("c-r2-" + tag, "gwent", "GWENT-C2-" + tag, t0.plus(Duration.ofHours(1)),
        "DOMESTIC_ABUSE", person)));
    JsonNode corrected = awaitAlert(p, "c-q-" + tag, a -> a.path("reportId").asText().equals("GWENT-C2-" + tag));
    assertThat(corrected.path("alertId").asText()).isEqualTo(first.path("alertId").asText());
    assertThat(corrected.path("severity").asText()).isEqualTo("CRITICAL");
    assertThat(corrected.path("revision").asInt()).isEqualTo(2);
    assertThat(corrected.path("force").asText()).isEqualTo("essex");
  }

  // ------------------------------------------------------------------ helpers

  private static void assertExactly(ArrivalPlatform p, World world, String mode) throws InterruptedException {
    try {
      await(mode).atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
          .until(() -> p.alertsOf(world).equals(world.expected()));
    } catch (ConditionTimeoutException e) {
      // Fall through to the assertion, which shows the difference.
    }
    // And nothing more arrives: an extra or a second alert would show now.
    Thread.sleep(3_000);
    assertThat(p.alertsOf(world)).as("alerts of seed %d (%s) against its answer key", world.seed(), mode)
        .containsExactlyElementsOf(world.expected());
  }

  /** The world's alerts once they have stood still for 5 s (and at least one is there). */
  private static List<String> awaitQuiet(ArrivalPlatform p, World world) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<String> last = p.alertsOf(world);
    while (System.nanoTime() < deadline) {
      Thread.sleep(5_000);
      List<String> now = p.alertsOf(world);
      if (!now.isEmpty() && now.equals(last)) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("the alerts of seed " + world.seed() + " did not settle within " + SETTLE);
  }

  private static JsonNode awaitAlert(ArrivalPlatform p, String eventId, java.util.function.Predicate<JsonNode> ok) {
    JsonNode[] found = new JsonNode[1];
    await("alert on " + eventId).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
      List<JsonNode> mine = new ArrayList<>();
      String from = Instant.now().minus(Duration.ofDays(60)).toString();
      for (JsonNode a : p.get("/api/v1/alerts?size=500&from=" + from).path("items")) {
        if (a.path("triggeringEventId").asText().equals(eventId)) {
          mine.add(a);
        }
      }
      assertThat(mine).as("alerts listed for %s", eventId).hasSizeLessThanOrEqualTo(1);
      found[0] = mine.isEmpty() ? null : mine.get(0);
      return found[0] != null && ok.test(found[0]);
    });
    return found[0];
  }

  private static String report(String eventId, String force, String reportId, Instant reportedAt, String offence,
                               String person) {
    return "{\"type\":\"crime_reported\",\"eventId\":\"" + eventId + "\",\"force\":\"" + force + "\",\"reportId\":\""
        + reportId + "\",\"occurredAt\":\"" + reportedAt.minus(Duration.ofHours(3)) + "\",\"reportedAt\":\""
        + reportedAt + "\",\"offence\":\"" + offence + "\",\"persons\":[{\"personId\":\"" + person
        + "\",\"role\":\"VICTIM\"}]}";
  }

  private static long seed() {
    return ThreadLocalRandom.current().nextLong(1, 1_000_000);
  }

  private static JsonNode parse(String line) {
    try {
      return ArrivalPlatform.JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  /** An interchange event's own time, or null for a line that is not a well-formed event. */
  static Instant eventTime(String line) {
    JsonNode n = parse(line);
    if (n == null || !n.isObject()) {
      return null;
    }
    for (String f : List.of("reportedAt", "queriedAt", "disclosedAt", "changedAt")) {
      if (n.path(f).isTextual()) {
        try {
          return Instant.parse(n.get(f).asText());
        } catch (RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String force(String line) {
    JsonNode n = parse(line);
    return n == null ? "" : n.path("force").asText("");
  }

  private static Set<String> eventIds(List<String> lines) {
    Set<String> out = new java.util.HashSet<>();
    for (String l : lines) {
      JsonNode n = parse(l);
      if (n != null && n.path("eventId").isTextual()) {
        out.add(n.get("eventId").asText());
      }
    }
    return out;
  }
}
