package org.safehaven.core.registry;

import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (v7), the subset Safe Haven needs. Hand-written
 * because Confluent's own client is not served by the Maven registry this project builds from; it
 * speaks only the documented REST API, so it works unchanged against a Confluent Schema Registry and
 * against Apicurio's Confluent-compatible API ({@code /apis/ccompat/v7}).
 *
 * <p>Every failure is a {@link SchemaRegistryException} subtype; no method returns null.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /** Registers the schema under the subject (idempotent: the same schema gives the same id). */
  int register(String subject, Schema schema);

  /** The schema with this global id; answered from a cache after the first look-up. */
  Schema getById(int id);

  /** The latest version registered under the subject. */
  RegisteredSchema latest(String subject);

  /** Whether the schema is compatible with the subject's latest version under its compatibility level. */
  boolean isCompatible(String subject, Schema schema);

  /** Sets the global compatibility level (e.g. BACKWARD). */
  void setCompatibility(String level);

  /** Sets the compatibility level of one subject. */
  void setCompatibility(String subject, String level);

  /** The global compatibility level. */
  String getCompatibility();

  @Override
  void close();

  /** A schema as the registry holds it. */
  record RegisteredSchema(String subject, int version, int id, Schema schema) {}
}
