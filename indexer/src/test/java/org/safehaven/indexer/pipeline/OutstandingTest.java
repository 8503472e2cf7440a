package org.safehaven.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutstandingTest {

  @Test
  void aRecordOfTwoDocumentsIsSettledOnlyWithItsSecond() {
    IndexerLoop.Outstanding alert = new IndexerLoop.Outstanding(2);
    assertThat(alert.settled(true)).as("the alert document alone").isFalse();
    assertThat(alert.settled(true)).as("and its history entry").isTrue();
    assertThat(alert.refused()).isFalse();
  }

  @Test
  void aRecordHasOneDeadLetterHoweverManyOfItsDocumentsAreRefused() {
    IndexerLoop.Outstanding alert = new IndexerLoop.Outstanding(2);
    assertThat(alert.claimLetter()).isTrue();
    assertThat(alert.claimLetter()).as("the second refused document writes no letter").isFalse();
    assertThat(alert.settled(false)).isFalse();
    assertThat(alert.settled(false)).isTrue();
    assertThat(alert.refused()).as("not counted as indexed").isTrue();
  }

  @Test
  void oneRefusedDocumentMarksTheRecordRefusedEvenWhenTheOtherWasStored() {
    IndexerLoop.Outstanding alert = new IndexerLoop.Outstanding(2);
    alert.settled(true);
    alert.settled(false);
    assertThat(alert.refused()).isTrue();
  }
}
