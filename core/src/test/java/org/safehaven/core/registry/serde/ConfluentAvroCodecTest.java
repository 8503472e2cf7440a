package org.safehaven.core.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.InMemorySchemaRegistryClient;
import org.safehaven.core.registry.serde.SampleRecords.Sample;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatus;
import org.safehaven.schema.CrimeReported;
import org.safehaven.schema.Disclosure;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.PncReason;

class ConfluentAvroCodecTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  static Stream<Sample> everyRecordType() {
    return SampleRecords.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  void everyRecordTypeRoundTripsThroughTheWireFormat(Sample sample) {
    ConfluentAvroCodec<SpecificRecord> codec = codecFor(sample.record());

    byte[] bytes = codec.encode(sample.topic(), sample.record());

    int registeredId = registry.latest(sample.topic() + "-value").id();
    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
    assertThat(codec.decode(sample.topic(), bytes)).isEqualTo(sample.record());
  }

  @Test
  void writesMagicByteThenBigEndianSchemaIdThenThePlainAvroBinaryBody() throws IOException {
    for (int i = 0; i < 258; i++) { // push the next id past one byte, so byte order shows
      registry.register("filler-" + i, Schema.createRecord("Filler" + i, null, "x", false, java.util.List.of()));
    }
    ConfluentAvroCodec<Alert> codec = ConfluentAvroCodec.of(registry, Alert.class);

    byte[] bytes = codec.encode("safehaven.alerts", SampleRecords.alert());

    assertThat(registry.latest("safehaven.alerts-value").id()).isEqualTo(259);
    assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 1, 3);
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(SampleRecords.alert()));
  }

  @Test
  void registersUnderTheTopicValueSubjectOnceAndKeySubjectForKeys() {
    ConfluentAvroCodec<CaseStatus> values = ConfluentAvroCodec.of(registry, CaseStatus.class);
    values.encode("safehaven.case-status", SampleRecords.caseStatus());
    values.encode("safehaven.case-status", SampleRecords.caseStatus());
    values.forKeys(true).encode("safehaven.case-status", SampleRecords.caseStatus());

    assertThat(registry.latest("safehaven.case-status-value").version()).isEqualTo(1);
    assertThat(registry.latest("safehaven.case-status-key").schema()).isEqualTo(CaseStatus.getClassSchema());
  }

  @Test
  void readingAsksTheRegistryForAWriterSchemaOnlyOnce() {
    ConfluentAvroCodec<PncQuery> writer = ConfluentAvroCodec.of(registry, PncQuery.class);
    byte[] bytes = writer.encode("safehaven.pnc-queries", SampleRecords.pncQuery());
    ConfluentAvroCodec<PncQuery> reader = ConfluentAvroCodec.of(registry, PncQuery.class);

    for (int i = 0; i < 5; i++) {
      reader.decode("safehaven.pnc-queries", bytes);
    }

    assertThat(registry.lookupsById()).isEqualTo(1);
  }

  @Test
  void nullIsATombstoneBothWays() {
    ConfluentAvroCodec<Alert> codec = ConfluentAvroCodec.of(registry, Alert.class);

    assertThat(codec.encode("safehaven.alerts", null)).isNull();
    assertThat(codec.decode("safehaven.alerts", null)).isNull();
    assertThat(codec.decode("safehaven.alerts", 0, 1L, null)).isNull();
  }

  // ---------------------------------------------------------------- bad bytes

  @Test
  void emptyValueIsRefusedAsEmptyNotTreatedAsATombstone() {
    assertThatThrownBy(() -> disclosures().decode("safehaven.disclosures", 2, 41L, new byte[0]))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.EMPTY);
          assertThat(e.getMessage()).contains("'safehaven.disclosures'", "partition 2", "offset 41");
        });
  }

  @Test
  void valueShorterThanTheHeaderIsRefusedAsTooShort() {
    assertThatThrownBy(() -> disclosures().decode("safehaven.disclosures", new byte[] {0, 0, 1}))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.TOO_SHORT);
          assertThat(e.getMessage()).contains("3 byte(s)", "at least 5");
        });
  }

  @Test
  void wrongMagicByteNamesTheByteTopicAndOffsetAndNeverEchoesTheValue() {
    byte[] json = "{\"personId\":\"PNC-1999/0123456A\",\"type\":\"disclosure\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> disclosures().decode("safehaven.disclosures", 0, 7L, json))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.WRONG_MAGIC_BYTE);
          assertThat(e.rule()).isEqualTo("bad-magic-byte");
          assertThat(e.kind().badInput()).isTrue();
          assertThat(e.getMessage()).contains("0x7b", "looks like JSON", "'safehaven.disclosures'", "partition 0",
              "offset 7");
          assertThat(e.getMessage()).doesNotContain("PNC-1999", "personId");
          assertThat(e.partition()).hasValue(0);
          assertThat(e.offset()).hasValue(7L);
        });
  }

  @Test
  void unknownSchemaIdIsReportedWithTheId() {
    byte[] bytes = ByteBuffer.allocate(9).put((byte) 0).putInt(4242).putInt(0).array();

    assertThatThrownBy(() -> disclosures().decode("safehaven.disclosures", bytes))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.UNKNOWN_SCHEMA_ID);
          assertThat(e.schemaId()).hasValue(4242);
          assertThat(e.getMessage()).contains("4242");
        });
  }

  @Test
  void truncatedBodyIsRefusedAsTruncated() {
    byte[] whole = disclosures().encode("safehaven.disclosures", SampleRecords.disclosure());
    byte[] cut = Arrays.copyOf(whole, whole.length - 4);

    assertThatThrownBy(() -> disclosures().decode("safehaven.disclosures", cut))
        .asInstanceOf(type(SerdeException.class))
        .extracting(SerdeException::kind).isEqualTo(SerdeException.Kind.TRUNCATED_BODY);
  }

  @Test
  void bodyWithANegativeLengthIsRefusedAsCorrupt() {
    ConfluentAvroCodec<Disclosure> codec = disclosures();
    byte[] whole = codec.encode("safehaven.disclosures", SampleRecords.disclosure());
    byte[] corrupt = whole.clone();
    corrupt[5] = 0x03; // zig-zag -2: the eventId string's length

    assertThatThrownBy(() -> codec.decode("safehaven.disclosures", corrupt))
        .asInstanceOf(type(SerdeException.class))
        .extracting(SerdeException::kind).isEqualTo(SerdeException.Kind.CORRUPT_BODY);
  }

  @Test
  void hugeDeclaredLengthIsRefusedAsTruncatedWithoutAllocatingIt() {
    ConfluentAvroCodec<Disclosure> codec = disclosures();
    byte[] whole = codec.encode("safehaven.disclosures", SampleRecords.disclosure());
    ByteBuffer corrupt = ByteBuffer.allocate(20).put(Arrays.copyOf(whole, 5));
    long length = 1_000_000_000L; // the eventId claims a gigabyte
    for (long zigzag = length << 1; ; zigzag >>>= 7) { // Avro's varint
      if ((zigzag & ~0x7fL) == 0) {
        corrupt.put((byte) zigzag);
        break;
      }
      corrupt.put((byte) ((zigzag & 0x7f) | 0x80));
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(() -> codec.decode("safehaven.disclosures", corrupt.array()))
        .asInstanceOf(type(SerdeException.class))
        .extracting(SerdeException::kind).isEqualTo(SerdeException.Kind.TRUNCATED_BODY);
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(50_000_000L);
  }

  @Test
  void bytesLeftOverAfterTheRecordAreRefusedAsCorrupt() {
    ConfluentAvroCodec<Disclosure> codec = disclosures();
    byte[] whole = codec.encode("safehaven.disclosures", SampleRecords.disclosure());
    byte[] padded = Arrays.copyOf(whole, whole.length + 3);

    assertThatThrownBy(() -> codec.decode("safehaven.disclosures", padded))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.CORRUPT_BODY);
          assertThat(e.getMessage()).contains("3 byte(s) left over");
        });
  }

  @Test
  void recordOfAnotherTypeIsRefusedAsSchemaMismatch() {
    byte[] alertBytes = ConfluentAvroCodec.of(registry, Alert.class).encode("safehaven.alerts", SampleRecords.alert());

    assertThatThrownBy(() -> disclosures().decode("safehaven.disclosures", alertBytes))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.SCHEMA_MISMATCH);
          assertThat(e.getMessage()).contains("org.safehaven.schema.Alert", "org.safehaven.schema.Disclosure");
        });
  }

  @Test
  void damagedBytesNeverGiveAnythingButARecordOrASerdeException() {
    ConfluentAvroCodec<CrimeReported> codec = ConfluentAvroCodec.of(registry, CrimeReported.class);
    byte[] valid = codec.encode("safehaven.crime-reports", SampleRecords.crimeReported());
    Random random = new Random(20181218);

    for (int i = 0; i < 5000; i++) {
      byte[] damaged = valid.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        damaged[5 + random.nextInt(damaged.length - 5)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        damaged = Arrays.copyOf(damaged, 5 + random.nextInt(damaged.length - 5));
      }
      byte[] input = damaged;
      try {
        assertThat(codec.decode("safehaven.crime-reports", input)).isNotNull();
      } catch (SerdeException e) {
        assertThat(e.kind()).isIn(SerdeException.Kind.CORRUPT_BODY, SerdeException.Kind.TRUNCATED_BODY);
      }
    }
  }

  @Test
  void placingAnErrorAtAPositionKeepsItsKindAndNamesThePosition() {
    SerdeException unplaced = org.assertj.core.api.Assertions.catchThrowableOfType(SerdeException.class,
        () -> disclosures().decode("safehaven.disclosures", new byte[] {1, 2, 3, 4, 5, 6}));

    SerdeException placed = unplaced.at(3, 99L);

    assertThat(unplaced.getMessage()).doesNotContain("partition");
    assertThat(placed.kind()).isEqualTo(SerdeException.Kind.WRONG_MAGIC_BYTE);
    assertThat(placed.getMessage()).contains("partition 3", "offset 99", "0x01");
  }

  // ---------------------------------------------------------------- schema evolution

  @Test
  void recordWrittenWithAnOlderSchemaReadsIntoTodaysClassWithDefaults() throws IOException {
    Schema v1 = SampleRecords.pncQueryV1();
    int v1Id = registry.register("safehaven.pnc-queries-value", v1);
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "e-2");
    old.put("force", "kent");
    old.put("queriedAt", Instant.parse("2026-05-01T13:10:00Z").toEpochMilli());
    old.put("personRef", SampleRecords.VICTIM);
    old.put("reason", new GenericData.EnumSymbol(v1.getField("reason").schema(), "IMMIGRATION_STATUS"));
    old.put("acceptedAt", Instant.parse("2026-05-01T13:10:00.120Z").toEpochMilli());

    PncQuery read = ConfluentAvroCodec.of(registry, PncQuery.class)
        .decode("safehaven.pnc-queries", wire(v1Id, v1, old));

    assertThat(read.getEventId()).isEqualTo("e-2");
    assertThat(read.getReason()).isEqualTo(PncReason.IMMIGRATION_STATUS);
    assertThat(read.getQueriedAt()).isEqualTo(Instant.parse("2026-05-01T13:10:00Z"));
    assertThat(read.getQueryId()).isNull();
    assertThat(read.getOfficerId()).isNull();
    assertThat(read.getReportId()).isNull();
    // ...and today's schema is a BACKWARD-compatible successor, so it registers as version 2.
    ConfluentAvroCodec.of(registry, PncQuery.class).encode("safehaven.pnc-queries", SampleRecords.pncQuery());
    assertThat(registry.latest("safehaven.pnc-queries-value").version()).isEqualTo(2);
  }

  @Test
  void recordWrittenWithANewerSchemaReadsWithItsUnknownOffenceAsTheEnumDefault() throws IOException {
    // A later writer knows an offence this reader does not, and carries an extra field.
    Schema crime = CrimeReported.getClassSchema();
    String newer = crime.toString()
        .replace("\"TRAFFIC\",\"OTHER\"]", "\"TRAFFIC\",\"OTHER\",\"STALKING\"]")
        .replace("{\"name\":\"acceptedAt\"",
            "{\"name\":\"sourceSystem\",\"type\":\"string\",\"default\":\"\"},{\"name\":\"acceptedAt\"");
    Schema v3 = new Schema.Parser().parse(newer);
    assertThat(v3.getField("sourceSystem")).isNotNull();
    int v3Id = registry.register("safehaven.crime-reports-value", v3);
    GenericRecord record = (GenericRecord) GenericData.get().deepCopy(crime, SampleRecords.crimeReported());
    GenericRecord written = new GenericData.Record(v3);
    for (Schema.Field field : crime.getFields()) {
      written.put(field.name(), record.get(field.name()));
    }
    written.put("offence", new GenericData.EnumSymbol(v3.getField("offence").schema(), "STALKING"));
    written.put("sourceSystem", "niche-rms");

    CrimeReported read = ConfluentAvroCodec.of(registry, CrimeReported.class)
        .decode("safehaven.crime-reports", wire(v3Id, v3, written));

    assertThat(read.getOffence()).isEqualTo(Offence.OTHER);
    assertThat(read.getPersons()).isEqualTo(SampleRecords.crimeReported().getPersons());
  }

  // ---------------------------------------------------------------- registration and registry trouble

  @Test
  void withoutAutoRegistrationAnUnregisteredSchemaIsRefusedAndARegisteredOneIsUsed() {
    ConfluentAvroCodec<Alert> codec = ConfluentAvroCodec.of(registry, Alert.class).withAutoRegister(false);

    assertThatThrownBy(() -> codec.encode("safehaven.alerts", SampleRecords.alert()))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.SCHEMA_NOT_REGISTERED);
          assertThat(e.kind().badInput()).isFalse();
          assertThat(e.getMessage()).contains("safehaven.alerts-value");
        });

    int id = registry.register("safehaven.alerts-value", Alert.getClassSchema());
    byte[] bytes = codec.encode("safehaven.alerts", SampleRecords.alert());
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(registry.latest("safehaven.alerts-value").version()).isEqualTo(1);
  }

  @Test
  void schemaTheSubjectRefusesAsIncompatibleGivesIncompatibleSchema() {
    registry.register("safehaven.pnc-queries-value", new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"PncQuery\",\"namespace\":\"org.safehaven.schema\","
            + "\"fields\":[{\"name\":\"eventId\",\"type\":\"string\"}]}"));

    assertThatThrownBy(() -> ConfluentAvroCodec.of(registry, PncQuery.class)
        .encode("safehaven.pnc-queries", SampleRecords.pncQuery()))
        .asInstanceOf(type(SerdeException.class))
        .extracting(SerdeException::kind).isEqualTo(SerdeException.Kind.INCOMPATIBLE_SCHEMA);
  }

  @Test
  void unreachableRegistryIsReportedAsRetriableNotAsBadInput() throws IOException {
    String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
    try (HttpSchemaRegistryClient down = new HttpSchemaRegistryClient(url, Duration.ofSeconds(2), Duration.ofSeconds(2))) {
      ConfluentAvroCodec<Alert> codec = ConfluentAvroCodec.of(down, Alert.class);
      byte[] valid = ByteBuffer.allocate(9).put((byte) 0).putInt(1).putInt(0).array();

      assertThatThrownBy(() -> codec.encode("safehaven.alerts", SampleRecords.alert()))
          .asInstanceOf(type(SerdeException.class))
          .satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SerdeException.Kind.REGISTRY_UNREACHABLE);
            assertThat(e.kind().badInput()).isFalse();
            assertThat(e.getMessage()).contains(url);
          });
      assertThatThrownBy(() -> codec.decode("safehaven.alerts", 1, 5L, valid))
          .asInstanceOf(type(SerdeException.class))
          .satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SerdeException.Kind.REGISTRY_UNREACHABLE);
            assertThat(e.getMessage()).contains("partition 1", "offset 5", url);
          });
    }
  }

  @Test
  void recordMissingARequiredFieldIsRefusedNamingTheFieldNotItsValues() {
    CaseStatus incomplete = new CaseStatus();
    incomplete.setEventId("e-4");
    incomplete.setForce("kent");

    assertThatThrownBy(() -> ConfluentAvroCodec.of(registry, CaseStatus.class).encode("safehaven.case-status", incomplete))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.ENCODE_FAILED);
          assertThat(e.getMessage()).contains("required field is null", "reportId");
          assertThat(e.getMessage()).doesNotContain("e-4");
        });
  }

  @Test
  void aClassThatIsNotAGeneratedRecordIsRefusedAtConstruction() {
    assertThatThrownBy(() -> ConfluentAvroCodec.of(registry, BadRecord.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BadRecord.class.getName());
  }

  // ---------------------------------------------------------------- shipping to Flink tasks

  @Test
  void urlBuiltCodecSurvivesJavaSerializationAndConnectsLazily() throws Exception {
    String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
    ConfluentAvroCodec<Alert> codec = ConfluentAvroCodec.forRegistryUrl(url, Alert.class).withAutoRegister(false);

    ConfluentAvroCodec<Alert> shipped = roundTripThroughJavaSerialization(codec);

    assertThat(shipped.type()).isEqualTo(Alert.class);
    assertThat(shipped.autoRegister()).isFalse();
    assertThat(shipped.decode("safehaven.alerts", null)).isNull();
    // It built its own client from the URL: a registry call now reaches (the closed port of) that URL.
    assertThatThrownBy(() -> shipped.encode("safehaven.alerts", SampleRecords.alert()))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> assertThat(e.getMessage()).contains(url));
    shipped.close();
  }

  @Test
  void codecAroundALiveClientRefusesUseAfterJavaSerialization() throws Exception {
    ConfluentAvroCodec<Alert> shipped = roundTripThroughJavaSerialization(ConfluentAvroCodec.of(registry, Alert.class));

    assertThatThrownBy(() -> shipped.encode("safehaven.alerts", SampleRecords.alert()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("forRegistryUrl");
  }

  @Test
  void malformedRegistryUrlIsRefusedWhenTheCodecIsBuilt() {
    assertThatThrownBy(() -> ConfluentAvroCodec.forRegistryUrl("localhost:8081", Alert.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)://host:port");
  }

  // ---------------------------------------------------------------- helpers

  @SuppressWarnings("unchecked")
  private ConfluentAvroCodec<SpecificRecord> codecFor(SpecificRecord record) {
    return ConfluentAvroCodec.of(registry, (Class<SpecificRecord>) record.getClass());
  }

  private ConfluentAvroCodec<Disclosure> disclosures() {
    return ConfluentAvroCodec.of(registry, Disclosure.class);
  }

  private static byte[] plainAvro(SpecificRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForClass(record.getClass()))
        .write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** Wire-format bytes as another producer (e.g. Confluent's serializer) with schema {@code schema} writes them. */
  private static byte[] wire(int id, Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    GenericData withTimes = new GenericData();
    withTimes.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    new GenericDatumWriter<GenericRecord>(schema, withTimes).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTripThroughJavaSerialization(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Implements SpecificRecord by hand, without a schema: not something the codec can work with. */
  static final class BadRecord implements SpecificRecord {
    @Override
    public void put(int i, Object v) {}

    @Override
    public Object get(int i) {
      return null;
    }

    @Override
    public Schema getSchema() {
      return null;
    }
  }
}
