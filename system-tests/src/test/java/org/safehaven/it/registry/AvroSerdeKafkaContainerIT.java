package org.safehaven.it.registry;

import org.safehaven.it.containers.ProductionImages;
import org.safehaven.runtime.StackInfo;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link AvroSerdeKafkaContract} on the Kafka and Confluent Schema Registry images of docker-compose.yml. Runs where
 * a Docker engine answers; skipped (not failed) where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class AvroSerdeKafkaContainerIT extends AvroSerdeKafkaContract {

  @Override
  protected StackInfo stack() {
    return ProductionImages.kafkaAndRegistry();
  }
}
