package org.safehaven.it.registry;

import org.safehaven.it.containers.ProductionImages;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link SchemaRegistryClientContract} against Confluent's Schema Registry image of docker-compose.yml. Runs where a
 * Docker engine answers; skipped (not failed) where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class SchemaRegistryClientContainerIT extends SchemaRegistryClientContract {

  @Override
  protected String registryUrl() {
    return ProductionImages.kafkaAndRegistry().registryUrl();
  }
}
