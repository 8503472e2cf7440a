package org.safehaven.core.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A registry held in memory, for unit tests of our own logic (serde tests, Kafka Streams topologies in
 * a {@code TopologyTestDriver}) where no real registry runs. It follows the registry's contract: ids are
 * global and the same schema keeps its id across subjects, registering is idempotent, compatibility
 * levels are enforced with Avro's own reader/writer check, and misses throw the same typed exceptions
 * (with the registry's error codes). Integration tests use {@link HttpSchemaRegistryClient} against a
 * real registry instead.
 *
 * <p>The global level starts at BACKWARD, the Confluent Schema Registry's default.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;
  private int lookupsById;

  @Override
  public synchronized int register(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    List<Integer> versions = versionsBySubject.computeIfAbsent(requireSubject(subject), s -> new ArrayList<>());
    Integer known = idsBySchema.get(schema);
    if (known != null && versions.contains(known)) {
      return known;
    }
    if (!compatible(subject, schema)) {
      throw new IncompatibleSchemaException(subject, "could not register a schema for subject '" + subject
          + "': HTTP 409 error_code 409: the schema is not compatible with the subject's compatibility level "
          + levelOf(subject));
    }
    int id = known != null ? known : nextId++;
    schemasById.put(id, schema);
    idsBySchema.put(schema, id);
    versions.add(id);
    return id;
  }

  @Override
  public synchronized int lookupId(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    List<Integer> versions = versionsBySubject.get(requireSubject(subject));
    if (versions == null || versions.isEmpty()) {
      throw new SchemaNotFoundException(40401, "subject '" + subject + "' not found");
    }
    Integer id = idsBySchema.get(schema);
    if (id == null || !versions.contains(id)) {
      throw new SchemaNotFoundException(40403, "schema not found under subject '" + subject + "'");
    }
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    lookupsById++;
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaNotFoundException(40403, "schema id " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = versionsBySubject.get(requireSubject(subject));
    if (versions == null || versions.isEmpty()) {
      throw new SchemaNotFoundException(40401, "subject '" + subject + "' not found");
    }
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, versions.size(), id, schemasById.get(id));
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    return compatible(requireSubject(subject), Objects.requireNonNull(schema, "schema"));
  }

  @Override
  public synchronized void setCompatibility(String level) {
    globalLevel = CompatibilityLevel.parse(level);
  }

  @Override
  public synchronized void setCompatibility(String subject, String level) {
    subjectLevels.put(requireSubject(subject), CompatibilityLevel.parse(level));
  }

  @Override
  public synchronized String getCompatibility() {
    return globalLevel.name();
  }

  @Override
  public synchronized String getCompatibility(String subject) {
    return levelOf(requireSubject(subject)).name();
  }

  /** How many times {@link #getById} was asked: lets tests prove that callers cache. */
  public synchronized int lookupsById() {
    return lookupsById;
  }

  @Override
  public void close() {
    // Nothing to release.
  }

  private CompatibilityLevel levelOf(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private boolean compatible(String subject, Schema candidate) {
    CompatibilityLevel level = levelOf(subject);
    List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
    if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
      return true;
    }
    List<Integer> against = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
    for (int id : against) {
      Schema existing = schemasById.get(id);
      if (level.checksBackward() && !canRead(candidate, existing)) {
        return false;
      }
      if (level.checksForward() && !canRead(existing, candidate)) {
        return false;
      }
    }
    return true;
  }

  private static boolean canRead(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }

  private static String requireSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    return subject;
  }
}
