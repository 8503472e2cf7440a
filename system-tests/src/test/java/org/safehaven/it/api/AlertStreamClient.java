package org.safehaven.it.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A minimal server-sent-events client: collects the data lines of 'alert' and 'remove' events in queues. */
final class AlertStreamClient implements AutoCloseable {

  final BlockingQueue<String> alerts = new LinkedBlockingQueue<>();
  final BlockingQueue<String> removals = new LinkedBlockingQueue<>();
  final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
  private final InputStream body;
  private final Thread reader;

  private AlertStreamClient(InputStream body) {
    this.body = body;
    this.reader = new Thread(this::read, "sse-test-client");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  static AlertStreamClient open(ApiWorld w, String pathAndQuery, String token) throws Exception {
    HttpResponse<InputStream> r = w.http().send(request(w, pathAndQuery, token), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      throw new AssertionError("stream answered " + r.statusCode() + ": " + new String(r.body().readAllBytes()));
    }
    return new AlertStreamClient(r.body());
  }

  static int status(ApiWorld w, String pathAndQuery, String token) throws Exception {
    HttpResponse<InputStream> r = w.http().send(request(w, pathAndQuery, token), HttpResponse.BodyHandlers.ofInputStream());
    r.body().close();
    return r.statusCode();
  }

  private static HttpRequest request(ApiWorld w, String pathAndQuery, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(w.api.url() + pathAndQuery))
        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.GET().build();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      String event = null;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(":")) {
          comments.add(line);
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:") && "alert".equals(event)) {
          alerts.add(line.substring(5).trim());
        } else if (line.startsWith("data:") && "remove".equals(event)) {
          removals.add(line.substring(5).trim());
        } else if (line.isEmpty()) {
          event = null;
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
