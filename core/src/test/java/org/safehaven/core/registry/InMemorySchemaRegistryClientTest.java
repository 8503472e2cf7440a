package org.safehaven.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

  private static final Schema V1 = record("{\"name\":\"a\",\"type\":\"string\"}");
  private static final Schema WITH_DEFAULT = record(
      "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
  private static final Schema WITH_REQUIRED = record(
      "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void sameSchemaKeepsItsIdAcrossSubjectsAndRegistersOncePerSubject() {
    int first = registry.register("a-value", V1);

    assertThat(registry.register("a-value", V1)).isEqualTo(first);
    assertThat(registry.register("b-value", V1)).isEqualTo(first);
    assertThat(registry.latest("a-value").version()).isEqualTo(1);
    assertThat(registry.lookupId("b-value", V1)).isEqualTo(first);
  }

  @Test
  void backwardByDefaultAcceptsAFieldWithADefaultAndRefusesARequiredOne() {
    registry.register("t-value", V1);

    assertThat(registry.getCompatibility()).isEqualTo("BACKWARD");
    assertThat(registry.isCompatible("t-value", WITH_REQUIRED)).isFalse();
    assertThatThrownBy(() -> registry.register("t-value", WITH_REQUIRED))
        .isInstanceOf(IncompatibleSchemaException.class);
    assertThat(registry.register("t-value", WITH_DEFAULT)).isPositive();
    assertThat(registry.latest("t-value").version()).isEqualTo(2);
  }

  @Test
  void subjectLevelNoneOverridesTheGlobalLevel() {
    registry.register("t-value", V1);
    registry.setCompatibility("t-value", "NONE");

    assertThat(registry.getCompatibility("t-value")).isEqualTo("NONE");
    assertThat(registry.getCompatibility("other-value")).isEqualTo("BACKWARD");
    assertThat(registry.isCompatible("t-value", WITH_REQUIRED)).isTrue();
  }

  @Test
  void forwardRefusesRemovingAFieldOldReadersNeed() {
    registry.setCompatibility("FORWARD");
    registry.register("t-value", WITH_REQUIRED);

    assertThat(registry.isCompatible("t-value", V1)).isFalse();
  }

  @Test
  void missesThrowSchemaNotFoundWithTheRegistryErrorCodes() {
    assertThatThrownBy(() -> registry.getById(7))
        .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> registry.latest("nothing-value"))
        .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
  }

  private static Schema record(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"x\",\"fields\":[" + fields + "]}");
  }
}
