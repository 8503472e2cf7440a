package org.safehaven.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a running Safe Haven stack can be reached: what {@code ./safehaven up} writes to
 * {@code DIR/stack.json} and what the other commands (ingest, token, tests) read back. Later parts of
 * the platform add their addresses and demo credentials to {@code extras} (e.g. {@code apiUrl},
 * {@code dashboardUrl}, tokens).
 *
 * @param kafkaBootstrap   Kafka bootstrap servers, host:port
 * @param registryUrl      base URL of the Confluent-compatible registry API (for Apicurio 2.6:
 *                         http://127.0.0.1:PORT/apis/ccompat/v7)
 * @param elasticsearchUrl base URL of Elasticsearch, http://127.0.0.1:PORT
 * @param dataDir          the data directory every service writes under
 * @param pids             process ids of the embedded children, by service name
 * @param extras           further addresses and credentials, added by later parts of the platform
 */
public record StackInfo(String kafkaBootstrap, String registryUrl, String elasticsearchUrl, Path dataDir,
                        Map<String, Long> pids, Map<String, String> extras) {

  public StackInfo {
    pids = pids == null ? Map.of() : Map.copyOf(pids);
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }
}
