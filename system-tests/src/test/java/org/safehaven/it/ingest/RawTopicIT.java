package org.safehaven.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.topic.Topic;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.testkit.SampleEvents;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.RejectionStage;

/**
 * The raw topic entry, fed by kcat as a force's own tooling would: the same lines give the same
 * canonical records as the file path. (Compared as "every file-path record has its raw twin": if the
 * shared stack runs its own ingest service, it consumes the raw topic too, with its own key and dedup.)
 */
class RawTopicIT {

  private static IngestItSupport it;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    it = IngestItSupport.get();
  }

  /** Canonical records of a prefix, as text without eventId and acceptedAt, sorted. */
  private static List<String> canonicalOf(String prefix) {
    List<String> out = new ArrayList<>();
    for (Topic<?> t : Topics.CANONICAL) {
      for (var r : it.readAll(t, v -> String.valueOf(v.get(0)).startsWith(prefix))) {
        SpecificRecord v = (SpecificRecord) r.value();
        String eventId = String.valueOf(v.get(0));
        String text = v.toString()
            .replace(eventId, "#" + eventId.substring(prefix.length()))
            .replaceAll("\"acceptedAt\": [^,}]+", "\"acceptedAt\": _");
        out.add(t.name() + " " + r.key() + " " + text);
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void kcatProducingJsonLinesGivesTheSameCanonicalRecordsAsTheFilePath() throws Exception {
    String filePrefix = FileImportIT.prefix("rf");
    String rawPrefix = FileImportIT.prefix("rr").substring(0, 2) + filePrefix.substring(2);
    SampleEvents events = new SampleEvents(5, filePrefix, Instant.now().minus(1, ChronoUnit.HOURS), 50);
    List<String> fileLines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String e = events.next();
      fileLines.add(i % 30 == 7 ? e.replaceFirst("\"type\":\"[a-z_]+\"", "\"type\":\"arrest\"") : e);
    }
    // The same events under other eventIds (the same ids would be duplicates of the file's).
    List<String> rawLines = fileLines.stream()
        .map(l -> l.replace("\"eventId\":\"" + filePrefix, "\"eventId\":\"" + rawPrefix)).toList();
    Path file = tmp.resolve("file.jsonl");
    Path raw = tmp.resolve("raw.jsonl");
    Files.write(file, fileLines);
    Files.write(raw, rawLines);

    assertThat(FileImportIT.runIngest(it.dataDir, Map.of(), file)[0]).isEqualTo("0");
    assertThat(onPath("kcat")).as("this test drives kcat, as a force's own tooling would: apt-get install -y kcat")
        .isTrue();
    Process kcat = new ProcessBuilder("kcat", "-P", "-b", it.stack.kafkaBootstrap(), "-t", Topics.EVENTS_RAW.name(),
        "-l", raw.toString()).redirectErrorStream(true).start();
    assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kcat.exitValue()).as(new String(kcat.getInputStream().readAllBytes())).isZero();

    List<String> expected = canonicalOf(filePrefix);
    assertThat(expected).hasSize(290);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(canonicalOf(rawPrefix)).containsAll(expected));

    List<DeadLetter> rawDead = it.readAll(Topics.DEAD_LETTERS, d -> d.getStage() == RejectionStage.RAW_TOPIC
        && d.getEventId() != null && d.getEventId().startsWith(rawPrefix)).stream().map(r -> r.value()).toList();
    assertThat(rawDead).hasSizeGreaterThanOrEqualTo(10).allSatisfy(d -> {
      assertThat(d.getRule()).isEqualTo("enum");
      assertThat(d.getFieldPath()).isEqualTo("$.type");
      assertThat(d.getSourceTopic()).isEqualTo(Topics.EVENTS_RAW.name());
      assertThat(d.getSourceOffset()).isNotNull();
    });
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
