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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safehaven.runtime.StackFile;
import org.safehaven.runtime.StackInfo;
import org.safehaven.runtime.UpCommand;

/**
 * The newcomer's path: {@code ./safehaven up} (the real script, a child process, its own data directory),
 * the printed dashboard address and oversight token, breaches arriving from the demo generator through
 * ingest, the Streams app / Flink job and the indexer into the API; then Ctrl-C leaves nothing running.
 */
class PlatformUpIT {

  private static final Path REPO = Path.of(System.getProperty("safehaven.repo.root", "..")).toAbsolutePath().normalize();
  private static final Duration READY_WITHIN =
      Duration.ofSeconds(Long.getLong("safehaven.it.platformReadyWithinSeconds", 300));
  private static final Duration FIRST_ALERT_WITHIN =
      Duration.ofSeconds(Long.getLong("safehaven.it.firstAlertWithinSeconds", 90));
  private static final ObjectMapper JSON = new ObjectMapper();

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
    await().atMost(FIRST_ALERT_WITHIN).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      HttpResponse<String> alerts = get(api + "/api/v1/alerts?size=5", oversight);
      assertThat(alerts.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(alerts.body());
      assertThat(body.path("total").asLong()).isPositive();
      assertThat(body.path("items").get(0).path("rule").asText()).isNotBlank();
      assertThat(alerts.body()).doesNotContain("personId");
    });
    System.out.printf("[platform IT] first alert in the API %.1f s after ready%n", (System.nanoTime() - t0) / 1e9);
    assertThat(get(api + "/api/v1/alerts", null).statusCode()).isEqualTo(401);

    new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("up exits after Ctrl-C").isTrue();
    assertThat(up.exitValue()).isEqualTo(130);
    await().atMost(Duration.ofSeconds(30)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(dir.resolve("stack.json")).doesNotExist();
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
      List<String> out;
      synchronized (lines) {
        out = List.copyOf(lines);
      }
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
