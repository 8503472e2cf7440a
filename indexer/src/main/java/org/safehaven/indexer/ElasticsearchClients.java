package org.safehaven.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * An Elasticsearch 8.19 client for one URL, with the timeouts the indexer and the API rely on: a
 * connection attempt gives up after 5 s (so a stopped node is noticed quickly and retried with back-off)
 * and an answer may take 60 s (a busy node is slow, not gone). Closing it closes the HTTP client.
 *
 * <p>Asynchronous answers are completed on a thread of their own, never on the HTTP client's I/O thread.
 * The BulkIngester sends a request while holding its lock, and when the node refuses connections the
 * HTTP client fails the request on its I/O thread while holding its connection-pool lock; completing the
 * ingester's future there takes the ingester's lock, and the two threads deadlock (seen here with the
 * node stopped). Handing the completion to another thread breaks that lock cycle.
 */
public final class ElasticsearchClients implements AutoCloseable {

  private final RestClient rest;
  private final ExecutorService completions;
  private final ElasticsearchClient client;

  private ElasticsearchClients(RestClient rest, ExecutorService completions, ElasticsearchClient client) {
    this.rest = rest;
    this.completions = completions;
    this.client = client;
  }

  /** @param url e.g. {@code http://127.0.0.1:9200}; only http(s) URLs with a host are accepted */
  public static ElasticsearchClients connect(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Elasticsearch URL (expected http://host:port)");
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("not an Elasticsearch URL (expected http://host:port)");
    }
    RestClient rest = RestClient.builder(new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
        .setRequestConfigCallback(rc -> rc.setConnectTimeout(5_000).setSocketTimeout(60_000))
        .setHttpClientConfigCallback(hc -> hc.setMaxConnTotal(32).setMaxConnPerRoute(32))
        .build();
    AtomicInteger n = new AtomicInteger();
    ExecutorService completions = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "safehaven-es-completion-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HandOffTransport transport = new HandOffTransport(new HandOff(new RestClientHttpClient(rest), completions),
        new JacksonJsonpMapper());
    return new ElasticsearchClients(rest, completions, new ElasticsearchClient(transport));
  }

  public ElasticsearchClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      rest.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
    completions.shutdown();
  }

  /** The standard transport over an HTTP client that completes asynchronous answers elsewhere. */
  private static final class HandOffTransport extends ElasticsearchTransportBase {
    HandOffTransport(TransportHttpClient http, JsonpMapper mapper) {
      super(http, null, mapper);
    }
  }

  record HandOff(TransportHttpClient delegate, ExecutorService executor) implements TransportHttpClient {

    @Override
    public TransportOptions createOptions(TransportOptions options) {
      return delegate.createOptions(options);
    }

    @Override
    public Response performRequest(String endpointId, Node node,
                                   Request request, TransportOptions options) throws IOException {
      return delegate.performRequest(endpointId, node, request, options);
    }

    @Override
    public CompletableFuture<Response> performRequestAsync(String endpointId,
                                                           Node node,
                                                           Request request, TransportOptions options) {
      CompletableFuture<Response> out = new CompletableFuture<>();
      delegate.performRequestAsync(endpointId, node, coalesced(request), options).whenCompleteAsync((r, e) -> {
        if (e != null) {
          out.completeExceptionally(e);
        } else {
          out.complete(r);
        }
      }, executor);
      return out;
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }

    /**
     * The body in one buffer. The client serialises a bulk request as several small buffers per document,
     * and the HTTP client writes each with a socket write of its own: thousands of small writes per bulk
     * request, which cost the client's I/O thread and Elasticsearch more than one copy here does.
     */
    static Request coalesced(Request request) {
      Iterable<ByteBuffer> body = request.body();
      if (body == null) {
        return request;
      }
      int size = 0;
      int parts = 0;
      for (ByteBuffer b : body) {
        size += b.remaining();
        parts++;
      }
      if (parts <= 1) {
        return request;
      }
      ByteBuffer one = ByteBuffer.allocate(size);
      for (ByteBuffer b : body) {
        one.put(b.duplicate());
      }
      one.flip();
      return new Request(request.method(), request.path(), request.queryParams(), request.headers(), List.of(one));
    }
  }
}
