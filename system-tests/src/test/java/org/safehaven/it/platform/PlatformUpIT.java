package org.safehaven.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safehaven.runtime.StackFile;
import org.safehaven.runtime.StackInfo;
import org.safehaven.runtime.UpCommand;
import org.safehaven.runtime.logging.UpLogging;

/**
 * The newcomer's path: {@code ./safehaven up} (the real script, a child process, its own data directory),
 * the printed dashboard address and oversight token, breaches arriving from the demo generator through
 * ingest, the Streams app / Flink job and the indexer into the API; then Ctrl-C leaves nothing running.
 * On the way, what the terminal shows: the start-up steps, the ready line, then status lines with each
 * existing consumer group's lag, and no warning at all (they are in DATA/logs/safehaven.log, counted).
 */
class PlatformUpIT {

  private static final Path REPO = Path.of(System.getProperty("safehaven.repo.root", "..")).toAbsolutePath().normalize();
  private static final Duration READY_WITHIN =
      Duration.ofSeconds(Long.getLong("safehaven.it.platformReadyWithinSeconds", 300));
  private static final Duration FIRST_ALERT_WITHIN =
      Duration.ofSeconds(Long.getLong("safehaven.it.firstAlertWithinSeconds", 90));
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A status line, e.g. {@code 14:03:05 in 12,345 (rejected 3) · alerts 42 · dead letters 3 · lag streams 0 · ...}. */
  private static final Pattern STATUS = Pattern.compile("\\d\\d:\\d\\d:\\d\\d in ([\\d,]+) \\(rejected ([\\d,]+)\\)"
      + " · alerts ([\\d,]+) · dead letters ([\\d,]+) · lag[ :] ?(.*?)"
      + "(?: · (?:([\\d,]+) errors?)?(?:, )?(?:([\\d,]+) warnings?)? in the log)?");
  private static final Pattern SUMMARY = Pattern.compile("\\d\\d:\\d\\d:\\d\\d logged in the last minute: .*; see .*");
  /** What the terminal may show besides the start-up steps: an error line (a few per logger a minute). */
  private static final Pattern ERROR_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d (ERROR .*|status unavailable: .*)");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process up;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void killLeftovers() {
    if (up != null) {
      up.descendants().forEach(ProcessHandle::destroyForcibly);
      up.destroyForcibly();
    }
  }

  @Test
  void upServesTheDashboardShowsDemoBreachesWithinSecondsAndCtrlCStopsEverything() throws Exception {
    Path dir = freshDir("platform-up-it");
    up = start(dir);
    String ready = awaitReady();
    System.out.println("[platform IT] " + ready);

    StackInfo info = StackFile.read(dir);
    String dashboard = info.extras().get("dashboardUrl");
    String api = info.extras().get("apiUrl");
    String oversight = info.extras().get("token.oversight");
    assertThat(info.extras()).containsKeys("ingestUrl", "token.researcher", "token.force.kent");
    assertThat(ready).startsWith(UpCommand.READY_PREFIX).contains("dashboard " + dashboard, oversight);

    HttpResponse<String> page = get(dashboard, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));

    List<ProcessHandle> tree = new ArrayList<>(up.descendants().toList());
    tree.add(up.toHandle());
    assertThat(tree).extracting(ProcessHandle::pid).containsAll(info.pids().values());

    long t0 = System.nanoTime();
    terminalShowsStatusLinesAndNoWarningsWhileTheLogFileHasThem(dir, oversight);

    // Within FIRST_ALERT_WITHIN of ready, as before the terminal's checks above.
    Duration left = FIRST_ALERT_WITHIN.minusNanos(System.nanoTime() - t0);
    try {
      await().atMost(left.isNegative() ? Duration.ofSeconds(1) : left).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
        HttpResponse<String> alerts = get(api + "/api/v1/alerts?size=5", oversight);
        assertThat(alerts.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(alerts.body());
        assertThat(body.path("total").asLong()).isPositive();
        assertThat(body.path("items").get(0).path("rule").asText()).isNotBlank();
        assertThat(alerts.body()).doesNotContain("personId");
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // The status lines say where the events are (each consumer's lag) and whether any alert was raised.
      List<String> out = output();
      throw new AssertionError("no alert in the API within " + FIRST_ALERT_WITHIN.toSeconds() + " s of ready;"
          + " the terminal's last lines:\n" + String.join("\n", out.subList(Math.max(0, out.size() - 12), out.size())), e);
    }
    System.out.printf("[platform IT] first alert in the API %.1f s after ready%n", (System.nanoTime() - t0) / 1e9);
    assertThat(get(api + "/api/v1/alerts", null).statusCode()).isEqualTo(401);
    theOverviewsCountsEqualTheAlertListsPerForceDayAndRule(api, oversight);

    new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("up exits after Ctrl-C").isTrue();
    assertThat(up.exitValue()).isEqualTo(130);
    List<String> all = output();
    int stopping = all.indexOf("  Stopping Safe Haven ...");
    assertThat(stopping).as("the stop is announced").isNotNegative();
    assertThat(all.subList(stopping, all.size())).as("no status line once the stop has begun")
        .noneMatch(l -> STATUS.matcher(l).matches());
    assertThat(all).as("the whole run's terminal").noneMatch(PlatformUpIT::isWarning);
    await().atMost(Duration.ofSeconds(30)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(dir.resolve("stack.json")).doesNotExist();
  }

  /**
   * One set of numbers, on the demo's own history and its live feed: the metrics API (which the overview's chart
   * and the force ranking read) counts exactly the alerts the alert list shows, per force, UTC day and rule, for
   * every day before today (today's live alerts keep arriving between two reads). Polled, because the demo's
   * history is still being decided when the first alert shows.
   */
  private void theOverviewsCountsEqualTheAlertListsPerForceDayAndRule(String api, String oversight) {
    String from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(20).toString();
    String to = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    List<java.util.Map<String, Long>> last = new ArrayList<>(List.of(java.util.Map.of(), java.util.Map.of()));
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
        java.util.Map<String, Long> listed = new java.util.TreeMap<>();
        // A day at a time: the demo's history holds more alerts than one list reaches (10,000).
        for (java.time.LocalDate d = java.time.LocalDate.parse(from); d.isBefore(java.time.LocalDate.parse(to));
             d = d.plusDays(1)) {
          for (JsonNode a : pages(api + "/api/v1/alerts?from=" + d + "&to=" + d.plusDays(1), oversight)) {
            listed.merge(a.path("force").asText() + "|" + a.path("eventTime").asText().substring(0, 10) + "|"
                + a.path("rule").asText(), 1L, Long::sum);
          }
        }
        java.util.Map<String, Long> counted = new java.util.TreeMap<>();
        for (JsonNode m : pages(api + "/api/v1/metrics?from=" + from + "&to=" + to, oversight)) {
          m.path("alertsByRule").properties().forEach(e -> {
            // {"count": n, "suppressed": false}: oversight sees every count.
            long n = e.getValue().path("count").asLong();
            if (n > 0) {
              counted.merge(m.path("force").asText() + "|" + m.path("day").asText() + "|" + e.getKey(), n, Long::sum);
            }
          });
        }
        last.set(0, listed);
        last.set(1, counted);
        assertThat(listed).as("alerts listed before today").isNotEmpty();
        assertThat(counted).as("metrics' alertsByRule against the alert list").isEqualTo(listed);
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the metrics' alert counts never equalled the alert list's: listed " + last.get(0)
          + "\ncounted " + last.get(1), e);
    }
    long total = last.get(0).values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("[platform IT] overview and alert list agree: %,d alerts in %d force-day-rule cells%n", total,
        last.get(0).size());
  }

  /** Every item of a paged list (size 500). */
  private List<JsonNode> pages(String url, String token) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (int page = 0; page < 20; page++) {
      HttpResponse<String> r = get(url + "&size=500&page=" + page, token);
      assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(200);
      JsonNode items = JSON.readTree(r.body()).path("items");
      items.forEach(out::add);
      if (items.size() < 500) {
        return out;
      }
    }
    throw new AssertionError("more than 10,000 items at " + url);
  }

  /**
   * The status line comes every 5 s with events coming in and the lag of the groups that exist (ingest, the
   * Streams application and the indexer commit within seconds of the demo's first events; Flink's group appears
   * with its first checkpoint); the terminal shows no warning, whatever the services log; the log file has them
   * all, as many as the status line counts, and never the oversight token the ready line prints.
   */
  private void terminalShowsStatusLinesAndNoWarningsWhileTheLogFileHasThem(Path dir, String oversight)
      throws Exception {
    String[] seen = new String[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      List<String> lines = output();
      String last = lines.stream().filter(l -> STATUS.matcher(l).matches()).reduce((a, b) -> b).orElse(null);
      assertThat(last).as("a status line; the output so far:%n%s", String.join("\n", lines)).isNotNull();
      Matcher m = STATUS.matcher(last);
      assertThat(m.matches()).isTrue();
      assertThat(number(m.group(1))).as("events in: %s", last).isPositive();
      assertThat(m.group(5)).as("lag of the groups that exist: %s", last)
          .containsPattern("ingest \\d").containsPattern("streams [\\d,]+").containsPattern("indexer [\\d,]+");
      seen[0] = last;
    });
    String status = seen[0];
    System.out.println("[platform IT] status: " + status);

    List<String> lines = output();
    int ready = lines.indexOf(lines.stream().filter(l -> l.startsWith(UpCommand.READY_PREFIX)).findFirst().orElseThrow());
    assertThat(lines).noneMatch(PlatformUpIT::isWarning);
    List<String> afterReady = lines.subList(ready + 1, lines.size());
    assertThat(afterReady).as("after the ready line: the API line, the logs line, status lines, summaries, errors")
        .allMatch(l -> l.startsWith("API ") || l.startsWith("Logs: ") || STATUS.matcher(l).matches()
            || SUMMARY.matcher(l).matches() || ERROR_LINE.matcher(l).matches());
    assertThat(lines.stream().filter(l -> ERROR_LINE.matcher(l).matches())).as("errors on the terminal").hasSizeLessThan(20);
    long statusLines = afterReady.stream().filter(l -> STATUS.matcher(l).matches()).count();
    assertThat(statusLines).isPositive();

    Matcher m = STATUS.matcher(status);
    assertThat(m.matches()).isTrue();
    long warningsCounted = m.group(7) == null ? 0 : number(m.group(7));
    Path logs = dir.resolve("logs");
    Path file = logs.resolve(UpLogging.FILE_NAME);
    assertThat(file).exists();
    long warningsInFiles = 0;
    boolean readyLogged = false;
    try (Stream<Path> files = Files.list(logs)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().matches("safehaven(\\.\\d+)?\\.log"))::iterator) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).as("%s holds no token", f).doesNotContain(oversight);
        warningsInFiles += text.lines().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+ WARN .*")).count();
        readyLogged |= text.contains(UpCommand.READY_PREFIX);
      }
    }
    assertThat(readyLogged).as("the ready line is in the log, for context").isTrue();
    assertThat(warningsInFiles).as("every warning the status line counts is in the log files").isGreaterThanOrEqualTo(warningsCounted);
    System.out.printf("[platform IT] %,d warnings in the log files (the status line counted %,d by then), %d status lines,"
        + " %d lines on the terminal in all%n", warningsInFiles, warningsCounted, statusLines, lines.size());
  }

  /** A logged warning as logback.xml or up-logback.xml prints it, or the streams' late-event warning itself. */
  private static boolean isWarning(String line) {
    return line.matches("[\\d:.T-]+ WARN .*") || line.contains(" WARN  ") || line.contains("arrived beyond the allowed lateness");
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  private List<String> output() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Process start(Path dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(REPO.resolve("safehaven").toString(), "up", "--data-dir", dir.toString(),
        // A loaded machine (other test runs in parallel) may need more than the default for the stack itself.
        "--set", "startupTimeoutSeconds=" + Long.getLong("safehaven.it.startupTimeoutSeconds", 300))
        .redirectErrorStream(true);
    pb.environment().put("SAFEHAVEN_SKIP_BUILD", "1");
    Process p = pb.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "platform-up-output");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private String awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (true) {
      List<String> out = output();
      var ready = out.stream().filter(l -> l.startsWith(UpCommand.READY_PREFIX)).findFirst();
      if (ready.isPresent()) {
        return ready.get();
      }
      if (!up.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("./safehaven up was not ready (alive: " + up.isAlive() + "):\n" + String.join("\n", out));
      }
      Thread.sleep(200);
    }
  }

  private static Path freshDir(String name) throws IOException {
    Path dir = Path.of("target", name).toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return dir;
  }
}
