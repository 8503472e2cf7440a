package org.safehaven.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.testkit.EventMutator;

/**
 * 12,000 random mutations of valid events through the real stack: the service never dies, every input
 * is accounted for, and no raw identifier reaches a topic.
 */
class IngestFuzzIT {

  private static IngestItSupport it;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    it = IngestItSupport.get();
  }

  @Test
  void twelveThousandMutationsAreAllAccountedForAndTheServiceStaysUp() throws Exception {
    String prefix = FileImportIT.prefix("fz");
    EventMutator mutator = new EventMutator(System.nanoTime(), prefix, java.time.Instant.now().minusSeconds(3600));
    Path file = tmp.resolve("fuzz.jsonl");
    int inputs = 12_000;
    int blank = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < inputs; i++) {
        byte[] line = mutator.next();
        if (isBlank(line)) {
          blank++; // blank lines are not events
        }
        out.write(line);
        out.write('\n');
      }
    }

    String[] result = FileImportIT.runIngest(it.dataDir, Map.of(), file);

    assertThat(result[0]).as(result[2]).isEqualTo("0");
    Matcher m = Pattern.compile("read (\\d+) = accepted (\\d+) \\+ duplicates (\\d+) \\+ rejected (\\d+)").matcher(result[1]);
    assertThat(m.find()).as(result[1]).isTrue();
    long read = Long.parseLong(m.group(1));
    assertThat(read).isEqualTo(inputs - blank);
    assertThat(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) + Long.parseLong(m.group(4))).isEqualTo(read);
    assertThat(Long.parseLong(m.group(2))).isPositive();
    assertThat(Long.parseLong(m.group(4))).isPositive();

    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(it.service.httpUrl() + "/api/v1/ingest/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);

    String everything = it.dumpAll(List.of(Topics.CRIME_REPORTS, Topics.PNC_QUERIES, Topics.DISCLOSURES,
        Topics.CASE_STATUS, Topics.DEAD_LETTERS));
    assertThat(everything).contains(prefix);
    IngestItSupport.assertNoRawIdentifier(everything, mutator.personIds());
  }

  /** Blank as the file importer sees it: only spaces, tabs and carriage returns. */
  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
