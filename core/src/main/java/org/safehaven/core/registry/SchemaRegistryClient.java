package org.safehaven.core.registry;

import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (v7), the subset Safe Haven needs. Hand-written
 * because Confluent's own client is not served by the Maven registry this project builds from; it
 * speaks only the documented REST API, so it works unchanged against a Confluent Schema Registry and
 * against Apicurio's Confluent-compatible API ({@code /apis/ccompat/v7}).
 *
 * <p>Every failure is a {@link SchemaRegistryException} subtype; no method returns null. Implementations
 * are safe to share between threads.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers the schema under the subject (idempotent: the same schema gives the same id) and returns
   * its global id.
   *
   * @throws IncompatibleSchemaException when the subject's compatibility level refuses it
   */
  int register(String subject, Schema schema);

  /**
   * The id of a schema already registered under the subject, without registering it.
   *
   * @throws SchemaNotFoundException when the subject does not exist or does not hold this schema
   */
  int lookupId(String subject, Schema schema);

  /**
   * The schema with this global id; answered from a cache after the first look-up.
   *
   * @throws SchemaNotFoundException when the registry has no schema with this id
   */
  Schema getById(int id);

  /**
   * The latest version registered under the subject.
   *
   * @throws SchemaNotFoundException when the subject does not exist
   */
  RegisteredSchema latest(String subject);

  /**
   * Whether the schema is compatible with the subject's latest version under its compatibility level.
   * A subject that holds no version yet accepts any schema, so the answer is then true.
   */
  boolean isCompatible(String subject, Schema schema);

  /**
   * Sets the global compatibility level (e.g. BACKWARD).
   *
   * @throws IllegalArgumentException when the level is not a {@link CompatibilityLevel}
   */
  void setCompatibility(String level);

  /** Sets the compatibility level of one subject. */
  void setCompatibility(String subject, String level);

  /** The global compatibility level. */
  String getCompatibility();

  /** The compatibility level that applies to the subject: its own, or else the global one. */
  String getCompatibility(String subject);

  @Override
  void close();

  /** A schema as the registry holds it. */
  record RegisteredSchema(String subject, int version, int id, Schema schema) {}
}
