package org.safehaven.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.net.URI;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * An Elasticsearch 8.19 client for one URL, with the timeouts the indexer and the API rely on: a
 * connection attempt gives up after 5 s (so a stopped node is noticed quickly and retried with back-off)
 * and an answer may take 60 s (a busy node is slow, not gone). Closing it closes the HTTP client.
 */
public final class ElasticsearchClients implements AutoCloseable {

  private final RestClient rest;
  private final ElasticsearchClient client;

  private ElasticsearchClients(RestClient rest, ElasticsearchClient client) {
    this.rest = rest;
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
    return new ElasticsearchClients(rest, new ElasticsearchClient(new RestClientTransport(rest,
        new JacksonJsonpMapper())));
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
  }
}
