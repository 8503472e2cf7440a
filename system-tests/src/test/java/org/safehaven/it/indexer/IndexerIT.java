package org.safehaven.it.indexer;

import org.safehaven.it.SharedStack;
import org.safehaven.runtime.StackInfo;

/** {@link IndexerContract} on the shared stack's Kafka, registry and Elasticsearch. */
class IndexerIT extends IndexerContract {

  @Override
  protected StackInfo stack() {
    return SharedStack.get();
  }
}
