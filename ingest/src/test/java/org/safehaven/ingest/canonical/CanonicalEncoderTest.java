package org.safehaven.ingest.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.safehaven.core.registry.InMemorySchemaRegistryClient;
import org.safehaven.core.registry.serde.ConfluentAvroCodec;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.DeadLetter;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.ReportedPerson;
import org.safehaven.schema.Role;

class CanonicalEncoderTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final SplittableRandom random = new SplittableRandom(20261126L);
  private final java.util.Map<Class<?>, ConfluentAvroCodec<SpecificRecord>> codecs = new java.util.HashMap<>();

  @Test
  void writesExactlyTheCodecsBytesForRandomRecordsOfTheFourCanonicalTypes() {
    for (int i = 0; i < 5000; i++) {
      for (SpecificRecord record : List.of(pnc(), crime(), disclosure(), caseStatus())) {
        String topic = topicOf(record);
        ConfluentAvroCodec<SpecificRecord> codec = codecFor(record);

        byte[] expected = codec.encode(topic, record);

        assertThat(CanonicalEncoder.encode(codec.writerId(topic), record)).as("%s", record).isEqualTo(expected);
      }
    }
  }

  @Test
  void everyEnumSymbolIsWrittenAsItsSchemasIndex() {
    for (PncReason reason : PncReason.values()) {
      PncQuery r = pnc();
      r.setReason(reason);
      assertSameAsCodec(r);
    }
    for (Offence offence : Offence.values()) {
      for (Role role : Role.values()) {
        CrimeReported r = crime();
        r.setOffence(offence);
        r.setPersons(List.of(new ReportedPerson("ph_x", role)));
        assertSameAsCodec(r);
      }
    }
    for (Recipient recipient : Recipient.values()) {
      for (Channel channel : Channel.values()) {
        for (Purpose purpose : Purpose.values()) {
          Disclosure r = disclosure();
          r.setRecipient(recipient);
          r.setChannel(channel);
          r.setPurpose(purpose);
          assertSameAsCodec(r);
        }
      }
    }
    for (CaseStatusValue status : CaseStatusValue.values()) {
      CaseStatus r = caseStatus();
      r.setStatus(status);
      assertSameAsCodec(r);
    }
  }

  @Test
  void anotherRecordTypeIsLeftToTheCodec() {
    DeadLetter letter = DeadLetter.newBuilder().setStage(org.safehaven.schema.RejectionStage.FILE).setReason("r")
        .setFieldPath("$").setRule("type").setPayload("{}").setRejectedAt(Instant.EPOCH).build();
    assertThat(CanonicalEncoder.encode(1, letter)).isNull();
  }

  @SuppressWarnings("unchecked")
  private ConfluentAvroCodec<SpecificRecord> codecFor(SpecificRecord record) {
    return codecs.computeIfAbsent(record.getClass(),
        c -> ConfluentAvroCodec.of(registry, (Class<SpecificRecord>) c));
  }

  private void assertSameAsCodec(SpecificRecord record) {
    ConfluentAvroCodec<SpecificRecord> codec = codecFor(record);
    String topic = topicOf(record);
    assertThat(CanonicalEncoder.encode(codec.writerId(topic), record)).isEqualTo(codec.encode(topic, record));
  }

  private static String topicOf(SpecificRecord record) {
    if (record instanceof PncQuery) {
      return Topics.PNC_QUERIES.name();
    }
    if (record instanceof CrimeReported) {
      return Topics.CRIME_REPORTS.name();
    }
    if (record instanceof Disclosure) {
      return Topics.DISCLOSURES.name();
    }
    return Topics.CASE_STATUS.name();
  }

  // Random values: ASCII and not (accents, CJK, a surrogate pair), empty strings, absent optional fields,
  // instants before 1970 and far ahead, lengths across the varint's one- and two-byte boundary.
  private String text() {
    int kind = random.nextInt(6);
    int length = random.nextInt(kind == 0 ? 200 : 70);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(switch (kind) {
        case 1 -> (char) ('\u00c0' + random.nextInt(64));
        case 2 -> (char) ('\u4e00' + random.nextInt(500));
        case 3 -> i % 2 == 0 ? "\ud83d\ude00" : "a";
        default -> (char) (' ' + random.nextInt(95));
      });
    }
    return sb.toString();
  }

  private String optional() {
    return random.nextInt(3) == 0 ? null : text();
  }

  private Instant instant() {
    return Instant.ofEpochMilli(random.nextLong(-2_208_988_800_000L, 253_402_300_799_999L));
  }

  private <E extends Enum<E>> E pick(E[] values) {
    return values[random.nextInt(values.length)];
  }

  private PncQuery pnc() {
    return new PncQuery(text(), text(), optional(), instant(), optional(), text(), pick(PncReason.values()),
        optional(), instant());
  }

  private CrimeReported crime() {
    List<ReportedPerson> persons = new ArrayList<>();
    int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 4);
    for (int i = 0; i < n; i++) {
      persons.add(new ReportedPerson(text(), pick(Role.values())));
    }
    return new CrimeReported(text(), text(), text(), instant(), instant(), pick(Offence.values()), persons, instant());
  }

  private Disclosure disclosure() {
    return new Disclosure(text(), text(), optional(), instant(), text(), pick(Recipient.values()),
        pick(Channel.values()), pick(Purpose.values()), optional(), optional(), instant());
  }

  private CaseStatus caseStatus() {
    return new CaseStatus(text(), text(), text(), pick(CaseStatusValue.values()), instant(), instant());
  }
}
