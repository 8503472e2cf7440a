package org.safehaven.it.registry;

import org.safehaven.core.topic.TopicReadiness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safehaven.core.registry.HttpSchemaRegistryClient;
import org.safehaven.core.registry.serde.AvroDeserializer;
import org.safehaven.core.registry.serde.AvroSerializer;
import org.safehaven.core.registry.serde.SerdeConfig;
import org.safehaven.core.registry.serde.SerdeException;
import org.safehaven.core.registry.serde.SampleRecords;
import org.safehaven.core.registry.serde.SampleRecords.Sample;
import org.safehaven.runtime.StackInfo;
import org.safehaven.schema.Alert;
import org.safehaven.schema.PncQuery;
import org.safehaven.schema.PncReason;

/**
 * The Confluent wire-format serde through a real Kafka broker and a real registry: the shared stack's
 * ({@link AvroSerdeKafkaIT}) or Kafka and Confluent Schema Registry containers ({@link AvroSerdeKafkaContainerIT}),
 * with the same assertions. Each test writes to topics of its own (created here, one partition), reads them back
 * by assignment from the beginning (no consumer group to wait for).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AvroSerdeKafkaContract {

  private StackInfo stack;
  private HttpSchemaRegistryClient registry;
  private Admin admin;

  /** Kafka and the registry to test against (only their addresses are read). */
  protected abstract StackInfo stack();

  @BeforeAll
  void connect() {
    stack = stack();
    registry = new HttpSchemaRegistryClient(stack.registryUrl());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
  }

  @AfterAll
  void disconnect() {
    admin.close(Duration.ofSeconds(5));
    registry.close();
  }

  static List<Sample> everyRecordType() {
    return SampleRecords.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  void everyRecordTypeTravelsThroughARealTopicAndRegistersUnderTheTopicSubject(Sample sample) throws Exception {
    String topic = newTopic(sample.record().getSchema().getName());
    @SuppressWarnings("unchecked")
    Class<SpecificRecord> type = (Class<SpecificRecord>) sample.record().getClass();

    produce(topic, new AvroSerializer<>(registry, type), List.of(sample.record()));
    List<ConsumerRecord<String, SpecificRecord>> read = consume(topic, new AvroDeserializer<>(registry, type), 1);

    assertThat(read).extracting(ConsumerRecord::value).containsExactly(sample.record());
    assertThat(registry.latest(topic + "-value").schema()).isEqualTo(sample.record().getSchema());
  }

  @Test
  void producerAndConsumerConfiguredByClassNameAndPropertiesRoundTripAlerts() throws Exception {
    String topic = newTopic("alerts-by-properties");
    Properties producerProps = clientProps();
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
    producerProps.put(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
    producerProps.put(SerdeConfig.VALUE_TYPE, Alert.class.getName());
    try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(producerProps)) {
      producer.send(new ProducerRecord<>(topic, "kent", SampleRecords.alert())).get(30, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topic, "kent", null)).get(30, TimeUnit.SECONDS); // a tombstone
    }

    Properties consumerProps = clientProps();
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
    consumerProps.put(SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
    consumerProps.put(SerdeConfig.VALUE_TYPE, Alert.class.getName());
    List<ConsumerRecord<String, Alert>> read = new ArrayList<>();
    try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(consumerProps)) {
      pollFromStart(consumer, topic, 2, read);
    }

    assertThat(read).extracting(ConsumerRecord::value).containsExactly(SampleRecords.alert(), null);
    assertThat(registry.latest(topic + "-value").schema()).isEqualTo(Alert.getClassSchema());
  }

  @Test
  void poisonPillsAreReportedWithTheirKindPartitionAndOffsetAndTheRecordsAroundThemStillRead() throws Exception {
    String topic = newTopic("poison");
    byte[] good = new AvroSerializer<>(registry, Alert.class).serialize(topic, SampleRecords.alert());
    byte[] json = "{\"type\":\"disclosure\",\"personId\":\"PNC-1999/0123456A\"}".getBytes(StandardCharsets.UTF_8);
    byte[] unknownId = ByteBuffer.allocate(8).put((byte) 0).putInt(Integer.MAX_VALUE - 11).put(new byte[3]).array();
    produceRaw(topic, List.of(good, json, new byte[0], unknownId, good));

    AvroDeserializer<Alert> deserializer = new AvroDeserializer<>(registry, Alert.class);
    List<Object> outcomes = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clientProps(), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
      pollFromStart(consumer, topic, 5, raw);
      for (ConsumerRecord<String, byte[]> record : raw) {
        try {
          outcomes.add(deserializer.deserialize(record.topic(), record.partition(), record.offset(), record.value()));
        } catch (SerdeException e) {
          outcomes.add(e);
        }
      }
    }

    assertThat(outcomes.get(0)).isEqualTo(SampleRecords.alert());
    assertThat(outcomes.get(4)).isEqualTo(SampleRecords.alert());
    assertThat(outcomes.subList(1, 4)).allSatisfy(o -> assertThat(o).isInstanceOf(SerdeException.class));
    List<SerdeException> errors = outcomes.subList(1, 4).stream().map(SerdeException.class::cast).toList();
    assertThat(errors).extracting(SerdeException::kind).containsExactly(
        SerdeException.Kind.WRONG_MAGIC_BYTE, SerdeException.Kind.EMPTY, SerdeException.Kind.UNKNOWN_SCHEMA_ID);
    assertThat(errors.get(0).getMessage()).contains("'" + topic + "' partition 0 offset 1").doesNotContain("PNC-1999");
    assertThat(errors.get(1).getMessage()).contains("offset 2");
    assertThat(errors.get(2).getMessage()).contains("offset 3", String.valueOf(Integer.MAX_VALUE - 11));
    assertThat(errors).allSatisfy(e -> assertThat(e.kind().badInput()).isTrue());
  }

  @Test
  void plainConsumerHittingAPoisonPillGetsKafkasPositionedErrorWrappingTheSerdeError() throws Exception {
    String topic = newTopic("poison-plain");
    produceRaw(topic, List.of("not avro".getBytes(StandardCharsets.UTF_8)));

    try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(clientProps(), new StringDeserializer(),
        new AvroDeserializer<>(registry, Alert.class))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());

      assertThatThrownBy(() -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(500));
        }
      })
          .asInstanceOf(type(RecordDeserializationException.class))
          .satisfies(e -> {
            assertThat(e.topicPartition()).isEqualTo(new TopicPartition(topic, 0));
            assertThat(e.offset()).isZero();
            assertThat(e.getCause()).isInstanceOfSatisfying(SerdeException.class,
                cause -> assertThat(cause.kind()).isEqualTo(SerdeException.Kind.WRONG_MAGIC_BYTE));
          });
    }
  }

  @Test
  void recordWrittenWithAnOlderRegisteredSchemaReadsIntoTodaysClass() throws Exception {
    String topic = newTopic("pnc-evolution");
    Schema v1 = SampleRecords.pncQueryV1();
    registry.setCompatibility(topic + "-value", "BACKWARD");
    int v1Id = registry.register(topic + "-value", v1);
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "e-2");
    old.put("force", "kent");
    old.put("queriedAt", Instant.parse("2026-05-01T13:10:00Z"));
    old.put("personRef", SampleRecords.VICTIM);
    old.put("reason", new GenericData.EnumSymbol(v1.getField("reason").schema(), "IMMIGRATION_STATUS"));
    old.put("acceptedAt", Instant.parse("2026-05-01T13:10:00.120Z"));
    produceRaw(topic, List.of(wire(v1Id, v1, old)));
    // Today's writer registers its BACKWARD-compatible successor and writes next to the old record.
    produce(topic, new AvroSerializer<>(registry, PncQuery.class), List.of(SampleRecords.pncQuery()));

    List<ConsumerRecord<String, PncQuery>> read = consume(topic, new AvroDeserializer<>(registry, PncQuery.class), 2);

    PncQuery fromOld = read.get(0).value();
    assertThat(fromOld.getEventId()).isEqualTo("e-2");
    assertThat(fromOld.getReason()).isEqualTo(PncReason.IMMIGRATION_STATUS);
    assertThat(fromOld.getQueriedAt()).isEqualTo(Instant.parse("2026-05-01T13:10:00Z"));
    assertThat(fromOld.getQueryId()).isNull();
    assertThat(fromOld.getReportId()).isNull();
    assertThat(read.get(1).value()).isEqualTo(SampleRecords.pncQuery());
    assertThat(registry.latest(topic + "-value").version()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- helpers

  private String newTopic(String what) throws ExecutionException, InterruptedException, TimeoutException {
    String topic = SchemaRegistryClientContract.unique(what.toLowerCase());
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    TopicReadiness.awaitWritable(admin, List.of(topic), java.time.Duration.ofSeconds(60));
    return topic;
  }

  private Properties clientProps() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  private <T> void produce(String topic, Serializer<T> serializer, List<T> values) throws Exception {
    try (KafkaProducer<String, T> producer = new KafkaProducer<>(clientProps(), new StringSerializer(), serializer)) {
      for (T value : values) {
        producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private void produceRaw(String topic, List<byte[]> values) throws Exception {
    produce(topic, new ByteArraySerializer(), values);
  }

  private <T> List<ConsumerRecord<String, T>> consume(String topic, Deserializer<T> deserializer, int count) {
    List<ConsumerRecord<String, T>> read = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(clientProps(), new StringDeserializer(), deserializer)) {
      pollFromStart(consumer, topic, count, read);
    }
    return read;
  }

  private <T> void pollFromStart(KafkaConsumer<String, T> consumer, String topic, int count,
                                        List<ConsumerRecord<String, T>> into) {
    consumer.assign(List.of(new TopicPartition(topic, 0)));
    consumer.seekToBeginning(consumer.assignment());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (into.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(into::add);
    }
    assertThat(into).as("records read back from %s", topic).hasSize(count);
  }

  /** Wire-format bytes as another producer (e.g. Confluent's serializer) with an older schema writes them. */
  private static byte[] wire(int id, Schema schema, GenericRecord record) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    GenericData withTimes = new GenericData();
    withTimes.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema, withTimes).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
