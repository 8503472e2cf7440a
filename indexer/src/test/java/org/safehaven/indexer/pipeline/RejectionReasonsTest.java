package org.safehaven.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionReasonsTest {

  @Test
  void quotedDocumentContentIsReplacedButOurFieldNamesStay() {
    String reason = "[1:203] failed to parse field [eventTime] of type [date] in document with id 'PNC-1999/0123456A'."
        + " Preview of field's value: 'PNC-1999/0123456A'";
    String safe = RejectionReasons.sanitize("document_parsing_exception", reason);
    assertThat(safe).startsWith("document_parsing_exception: ")
        .contains("[eventTime]").contains("[date]")
        .doesNotContain("PNC-1999").doesNotContain("0123456A");
  }

  @Test
  void immenseTermPrefixIsNotEchoed() {
    String reason = "Document contains at least one immense term in field=\"reportId\" (whose UTF8 encoding is "
        + "longer than the max length 32766), all of which were skipped. The prefix of the first immense term is: "
        + "'[80, 78, 67, 45]...'";
    String safe = RejectionReasons.sanitize("illegal_argument_exception", reason);
    assertThat(safe).doesNotContain("80, 78").contains("(value withheld)").contains("immense term");
  }

  @Test
  void unknownFieldNamesInBracketsAreHiddenKnownPathsShown() {
    String safe = RejectionReasons.sanitize("strict_dynamic_mapping_exception",
        "[1:2] mapping set to strict, dynamic introduction of [secretValue123] within [disclosuresByRecipient] is not allowed");
    assertThat(safe).doesNotContain("secretValue123").contains("[disclosuresByRecipient]");
  }

  @Test
  void anOddTypeAndAnUnclosedQuoteAreHandledAndTheTextIsCapped() {
    assertThat(RejectionReasons.sanitize("Bad Type!", null)).isEqualTo("error");
    assertThat(RejectionReasons.sanitize("x", "value 'PNC-1 never closes")).doesNotContain("PNC-1");
    assertThat(RejectionReasons.sanitize("x", "a".repeat(1000)).length()).isLessThan(320);
  }
}
