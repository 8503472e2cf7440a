package org.safehaven.it.registry;

import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;

/** {@link AvroSerdeKafkaContract} on the shared stack's Kafka and registry (Apicurio). */
class AvroSerdeKafkaIT extends AvroSerdeKafkaContract {

  @Override
  protected StackInfo stack() {
    return SharedStack.get();
  }
}
