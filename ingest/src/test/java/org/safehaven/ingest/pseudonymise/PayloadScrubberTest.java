package org.safehaven.ingest.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safehaven.ingest.Fixtures.CLOCK;
import static org.safehaven.ingest.Fixtures.SUSPECT_ID;
import static org.safehaven.ingest.Fixtures.VICTIM_ID;
import static org.safehaven.ingest.Fixtures.bytes;

import org.junit.jupiter.api.Test;
import org.safehaven.ingest.Fixtures;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Limits;
import org.safehaven.ingest.validate.Violations;

class PayloadScrubberTest {

  private final Pseudonymiser pseudonymiser =
      new Pseudonymiser(PseudonymisationKey.parse(PseudonymiserTest.HEX_KEY, "test"));
  private final PayloadScrubber scrubber = new PayloadScrubber(pseudonymiser);
  private final EventValidator validator = new EventValidator(Limits.defaults(), CLOCK);

  private String payloadOf(String json) {
    return scrubber.payload((Violations) validator.validate(bytes(json)));
  }

  @Test
  void everyPersonIdBecomesItsRefAndTheRestStays() {
    String payload = payloadOf(Fixtures.crime("e-1").replace("\"offence\":\"DOMESTIC_ABUSE\"", "\"offence\":\"X\""));
    assertThat(payload).doesNotContain(VICTIM_ID).doesNotContain(SUSPECT_ID)
        .contains(pseudonymiser.refText(VICTIM_ID)).contains(pseudonymiser.refText(SUSPECT_ID))
        .contains("\"reportId\":\"KENT-2026-000123\"")
        .contains("\"offence\":\"(withheld)\"");
  }

  @Test
  void identifiersInTheWrongPlaceOrShapeAreWithheld() {
    String json = Fixtures.pnc("e-2")
        .replace("\"reason\":\"IMMIGRATION_STATUS\"", "\"reason\":\"" + VICTIM_ID + "\"")
        .replace("\"queryId\":\"Q-9\"", "\"queryId\":\"Q-9\",\"dateOfBirth\":\"" + SUSPECT_ID + "\",\"" + SUSPECT_ID + "\":1");
    String payload = payloadOf(json);
    assertThat(payload).doesNotContain(VICTIM_ID.substring(4)).doesNotContain(SUSPECT_ID)
        .contains("\"reason\":\"(withheld)\"").contains("\"dateOfBirth\":\"(withheld)\"")
        .contains("\"(dropped fields)\":1");
  }

  @Test
  void personIdOfAnotherTypeIsPseudonymisedToo() {
    String json = Fixtures.pnc("e-2").replace("\"" + VICTIM_ID + "\"", "1234567");
    String payload = payloadOf(json);
    assertThat(payload).doesNotContain("1234567").contains(pseudonymiser.refText("1234567"));
    String nested = Fixtures.pnc("e-2").replace("\"" + VICTIM_ID + "\"", "{\"id\":\"" + VICTIM_ID + "\"}");
    assertThat(payloadOf(nested)).doesNotContain(VICTIM_ID).contains("\"personId\":\"(withheld)\"");
  }

  @Test
  void personsInTheWrongShapeAreWithheldWhole() {
    String json = Fixtures.crime("e-1").replace("{\"personId\":\"" + VICTIM_ID + "\",\"role\":\"VICTIM\"}",
        "\"" + VICTIM_ID + "\"");
    assertThat(payloadOf(json)).doesNotContain(VICTIM_ID).contains("\"persons\":[\"(withheld)\"");
  }

  @Test
  void unparsedInputIsNeverCopied() {
    String truncated = Fixtures.pnc("e-2").substring(0, 150);
    assertThat(truncated).contains(VICTIM_ID.substring(0, 8));
    assertThat(payloadOf(truncated)).isEqualTo("(not parsed: 150 bytes)");
  }
}
