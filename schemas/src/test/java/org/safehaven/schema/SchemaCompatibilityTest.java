package org.safehaven.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every record Safe Haven puts on a topic must stay BACKWARD compatible: today's reader must read
 * every record any released writer produced. Released versions live in {@code schemas/released/<Record>/vN.avsc};
 * when a schema changes, the change must pass this test, and the new version is released by adding
 * the next vN file (so the following change is checked against it too).
 */
class SchemaCompatibilityTest {

  /** The records that travel on topics (the top-level value of some topic). */
  static final List<Class<? extends SpecificRecordBase>> TOPIC_RECORDS = List.of(
      CrimeReported.class, PncQuery.class, Disclosure.class, CaseStatus.class, PersonRoles.class,
      LineageRecord.class, Alert.class, ForceDayMetrics.class, DeadLetter.class);

  static final Path RELEASED = Path.of("released");

  @TestFactory
  Stream<DynamicTest> currentSchemaReadsEveryReleasedVersion() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Class<? extends SpecificRecordBase> type : TOPIC_RECORDS) {
      Schema current = schemaOf(type);
      for (Path released : releasedVersions(type)) {
        tests.add(DynamicTest.dynamicTest(type.getSimpleName() + " reads " + released.getFileName(), () -> {
          Schema writer = new Schema.Parser().parse(released.toFile());
          var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
          assertThat(result.getType())
              .as("%s must read data written with %s: %s", type.getSimpleName(), released,
                  result.getResult().getIncompatibilities())
              .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void everyTopicRecordHasAReleasedVersion() {
    for (Class<? extends SpecificRecordBase> type : TOPIC_RECORDS) {
      assertThat(releasedVersions(type))
          .as("released/%s/v1.avsc must exist (copy the schema there when it is first released)", type.getSimpleName())
          .isNotEmpty();
    }
  }

  @Test
  void compatibilityCheckerRefusesANewRequiredFieldWithoutDefault() {
    // Guards the guard: if Avro's checker ever accepted this, the test above would prove nothing.
    Schema old = schemaOf(CaseStatus.class);
    String broken = old.toString().replace("\"fields\":[", "\"fields\":[{\"name\":\"newRequired\",\"type\":\"string\"},");
    Schema reader = new Schema.Parser().parse(broken);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, old).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void noCanonicalRecordCarriesARawPersonIdentifierOrImmigrationStatus() {
    for (Class<? extends SpecificRecordBase> type : TOPIC_RECORDS) {
      assertThat(fieldNames(schemaOf(type)))
          .as("%s must carry personRef only, and never a status, name, birth date, address or nationality",
              type.getSimpleName())
          .noneMatch(n -> n.equalsIgnoreCase("personId") || n.toLowerCase().contains("immigrationstatus")
              || n.toLowerCase().contains("nationality") || n.toLowerCase().contains("birth")
              || n.equalsIgnoreCase("name") || n.toLowerCase().contains("address"));
    }
  }

  private static List<String> fieldNames(Schema schema) {
    List<String> names = new ArrayList<>();
    collect(schema, names, new ArrayList<>());
    return names;
  }

  private static void collect(Schema schema, List<String> names, List<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.contains(schema.getFullName())) {
          return;
        }
        seen.add(schema.getFullName());
        for (Schema.Field f : schema.getFields()) {
          names.add(f.name());
          collect(f.schema(), names, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> collect(t, names, seen));
      case ARRAY -> collect(schema.getElementType(), names, seen);
      case MAP -> collect(schema.getValueType(), names, seen);
      default -> { }
    }
  }

  static Schema schemaOf(Class<? extends SpecificRecordBase> type) {
    try {
      return (Schema) type.getMethod("getClassSchema").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> releasedVersions(Class<?> type) {
    Path dir = RELEASED.resolve(type.getSimpleName());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
          .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""))))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
