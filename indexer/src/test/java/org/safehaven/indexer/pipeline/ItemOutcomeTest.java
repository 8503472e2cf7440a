package org.safehaven.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemOutcomeTest {

  @Test
  void storedItemsAreDone() {
    assertThat(ItemOutcome.of(201, null, false)).isEqualTo(ItemOutcome.DONE);
    assertThat(ItemOutcome.of(200, null, true)).isEqualTo(ItemOutcome.DONE);
  }

  @Test
  void overloadAndServerFailuresAreRetried() {
    assertThat(ItemOutcome.of(429, "es_rejected_execution_exception", false)).isEqualTo(ItemOutcome.RETRY);
    assertThat(ItemOutcome.of(503, "unavailable_shards_exception", false)).isEqualTo(ItemOutcome.RETRY);
  }

  @Test
  void aVersionConflictIsDoneOnlyForVersionedDocuments() {
    assertThat(ItemOutcome.of(409, "version_conflict_engine_exception", true)).isEqualTo(ItemOutcome.DONE);
    assertThat(ItemOutcome.of(409, "version_conflict_engine_exception", false)).isEqualTo(ItemOutcome.REJECT);
  }

  @Test
  void mappingViolationsAreRejectedForGood() {
    assertThat(ItemOutcome.of(400, "document_parsing_exception", false)).isEqualTo(ItemOutcome.REJECT);
    assertThat(ItemOutcome.of(400, "strict_dynamic_mapping_exception", false)).isEqualTo(ItemOutcome.REJECT);
  }
}
