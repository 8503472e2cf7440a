package org.safehaven.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutstandingTest {

  @Test
  void aRecordOfTwoDocumentsIsSettledOnlyWithItsSecond() {
    IndexerLoop.Outstanding alert = new IndexerLoop.Outstanding(2);
    assertThat(alert.settled()).as("the alert document alone").isFalse();
    assertThat(alert.settled()).as("and its history entry").isTrue();
    assertThat(alert.refused()).isFalse();
  }

  @Test
  void aRecordHasOneDeadLetterHoweverManyOfItsDocumentsAreRefused() {
    IndexerLoop.Outstanding alert = new IndexerLoop.Outstanding(2);
    assertThat(alert.claimLetter()).isTrue();
    assertThat(alert.claimLetter()).as("the second refused document writes no letter").isFalse();
    assertThat(alert.settled()).isFalse();
    assertThat(alert.settled()).isTrue();
    assertThat(alert.refused()).as("not counted as indexed").isTrue();
  }

  @Test
  void oneRefusedDocumentMarksTheRecordRefusedEvenWhenTheOtherWasStored() {
    IndexerLoop.Outstanding alert = new IndexerLoop.Outstanding(2);
    alert.settled();
    // A refused document claims the record's letter (IndexerLoop.reject) before it is settled.
    alert.claimLetter();
    alert.settled();
    assertThat(alert.refused()).isTrue();
  }
}
