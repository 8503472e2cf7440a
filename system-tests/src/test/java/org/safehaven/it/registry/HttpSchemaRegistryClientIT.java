package org.safehaven.it.registry;

import org.safehaven.it.SharedStack;

/** {@link SchemaRegistryClientContract} against the shared stack's registry (Apicurio's Confluent-compatible API). */
class HttpSchemaRegistryClientIT extends SchemaRegistryClientContract {

  @Override
  protected String registryUrl() {
    return SharedStack.get().registryUrl();
  }
}
