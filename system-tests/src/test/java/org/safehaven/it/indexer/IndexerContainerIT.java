package org.safehaven.it.indexer;

import org.safehaven.it.containers.ProductionImages;
import org.safehaven.runtime.StackInfo;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link IndexerContract} against the Elasticsearch image of docker-compose.yml (the pom's elasticsearch.version),
 * with Kafka and Confluent's Schema Registry as containers too. Runs where a Docker engine answers; skipped (not
 * failed) where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class IndexerContainerIT extends IndexerContract {

  @Override
  protected StackInfo stack() {
    return ProductionImages.all();
  }
}
