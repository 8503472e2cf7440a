package org.safehaven.core.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.safehaven.core.registry.InMemorySchemaRegistryClient;
import org.safehaven.core.topic.Topics;
import org.safehaven.schema.Alert;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.PersonRoles;

class AvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void serdeForACataloguedTopicRoundTripsItsValuesThroughSerializerAndDeserializer() {
    try (AvroSerde<PersonRoles> serde = AvroSerde.forTopic(registry, Topics.PERSON_ROLES)) {
      byte[] bytes = serde.serializer().serialize(Topics.PERSON_ROLES.name(), SampleRecords.personRoles());

      assertThat(serde.deserializer().deserialize(Topics.PERSON_ROLES.name(), bytes))
          .isEqualTo(SampleRecords.personRoles());
      assertThat(registry.latest(Topics.PERSON_ROLES.valueSubject()).schema()).isEqualTo(PersonRoles.getClassSchema());
    }
  }

  @Test
  void serdeOfARawTopicIsRefused() {
    assertThatThrownBy(() -> AvroSerde.forTopic(registry, Topics.EVENTS_RAW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("safehaven.events-raw");
  }

  @Test
  void deserializerGivenThePositionNamesItInTheError() {
    AvroDeserializer<LineageRecord> deserializer = new AvroDeserializer<>(registry, LineageRecord.class);

    assertThatThrownBy(() -> deserializer.deserialize("safehaven.lineage", 4, 1200L, new byte[] {'[', '1', ']', ' ', ' '}))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.WRONG_MAGIC_BYTE);
          assertThat(e.getMessage()).contains("'safehaven.lineage' partition 4 offset 1200");
        });
  }

  @Test
  void serdeConfiguredAsAKeySerdeWritesToTheKeySubject() {
    AvroSerde<Alert> serde = new AvroSerde<>(registry, Alert.class);
    serde.configure(Map.of(), true);

    serde.serializer().serialize("safehaven.alerts", SampleRecords.alert());

    assertThat(registry.latest("safehaven.alerts-key").schema()).isEqualTo(Alert.getClassSchema());
  }

  // ---------------------------------------------------------------- made by Kafka from properties

  @Test
  void serializerMadeByClassNameUsesTheConfiguredRegistryUrlAndType() throws IOException {
    String url = "http://127.0.0.1:" + ConfluentAvroCodecTest.closedPort();
    AvroSerializer<Alert> serializer = new AvroSerializer<>();
    serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.VALUE_TYPE, Alert.class.getName(),
        SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

    assertThat(serializer.codec().type()).isEqualTo(Alert.class);
    assertThat(serializer.codec().autoRegister()).isFalse();
    assertThatThrownBy(() -> serializer.serialize("safehaven.alerts", SampleRecords.alert()))
        .asInstanceOf(type(SerdeException.class))
        .satisfies(e -> {
          assertThat(e.kind()).isEqualTo(SerdeException.Kind.REGISTRY_UNREACHABLE);
          assertThat(e.getMessage()).contains(url);
        });
    serializer.close();
  }

  @Test
  void deserializerMadeByClassNameForKeysReadsTheKeyTypeProperty() {
    AvroDeserializer<Alert> deserializer = new AvroDeserializer<>();
    deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081",
        SerdeConfig.KEY_TYPE, Alert.class.getName()), true);

    assertThat(deserializer.codec().isForKeys()).isTrue();
    assertThat(deserializer.codec().subject("safehaven.alerts")).isEqualTo("safehaven.alerts-key");
    assertThat(deserializer.deserialize("safehaven.alerts", null)).isNull();
  }

  @Test
  void missingRegistryUrlIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new AvroSerde<>().configure(Map.of(SerdeConfig.VALUE_TYPE, Alert.class.getName()), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void missingValueTypeIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new AvroDeserializer<>().configure(
        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("safehaven.avro.value.type");
  }

  @Test
  void valueTypeThatIsNotAnAvroRecordIsRefused() {
    Map<String, Object> configs = new HashMap<>();
    configs.put(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081");
    configs.put(SerdeConfig.VALUE_TYPE, "java.lang.String");

    assertThatThrownBy(() -> new AvroSerializer<>().configure(configs, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("java.lang.String is not a generated Avro record class");

    configs.put(SerdeConfig.VALUE_TYPE, "org.safehaven.schema.NoSuchRecord");
    assertThatThrownBy(() -> new AvroSerializer<>().configure(configs, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no class named org.safehaven.schema.NoSuchRecord");
  }

  @Test
  void badRegistryUrlOrAutoRegisterValueIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(
        SerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8081,http://b:8081", SerdeConfig.VALUE_TYPE, Alert.class.getName()),
        false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url")
        .hasMessageContaining("single URL");
    assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(
        SerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8081", SerdeConfig.VALUE_TYPE, Alert.class.getName(),
        SerdeConfig.AUTO_REGISTER_SCHEMAS, "yes"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auto.register.schemas");
  }

  @Test
  void serializerUsedBeforeConfigurationSaysSo() {
    assertThatThrownBy(() -> new AvroSerializer<Alert>().serialize("safehaven.alerts", SampleRecords.alert()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not configured");
  }
}
