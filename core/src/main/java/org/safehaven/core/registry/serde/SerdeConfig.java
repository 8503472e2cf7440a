package org.safehaven.core.registry.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kafka client properties {@link AvroSerializer}, {@link AvroDeserializer} and {@link AvroSerde} read
 * in {@code configure(Map, isKey)} when Kafka creates them by class name. Code that builds its own
 * instances passes a client and a class to their constructors instead and needs none of these.
 */
public final class SerdeConfig {

  /** The registry's base URL (the property Confluent's serializers use). Required. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  /** Fully qualified name of the generated Avro class of the values. Required for values. */
  public static final String VALUE_TYPE = "safehaven.avro.value.type";
  /** Fully qualified name of the generated Avro class of the keys. Required for keys. */
  public static final String KEY_TYPE = "safehaven.avro.key.type";
  /** Whether the serializer registers its schema (Confluent's property; default true). */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  private SerdeConfig() {}

  /**
   * A codec configured from Kafka properties.
   *
   * @throws ConfigException naming the property that is missing or wrong
   */
  static <T extends SpecificRecord> ConfluentAvroCodec<T> codecFrom(Map<String, ?> configs, boolean isKey) {
    String typeProperty = isKey ? KEY_TYPE : VALUE_TYPE;
    String url = string(configs, SCHEMA_REGISTRY_URL);
    String typeName = string(configs, typeProperty);
    Class<T> type = recordClass(typeProperty, typeName);
    ConfluentAvroCodec<T> codec;
    try {
      codec = ConfluentAvroCodec.forRegistryUrl(url, type);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(SCHEMA_REGISTRY_URL + ": " + e.getMessage());
    }
    return codec.withAutoRegister(bool(configs, AUTO_REGISTER_SCHEMAS, true)).forKeys(isKey);
  }

  private static String string(Map<String, ?> configs, String name) {
    Object value = configs == null ? null : configs.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException(name + " is required (" + describe(name) + ")");
    }
    return value.toString().trim();
  }

  private static boolean bool(Map<String, ?> configs, String name, boolean otherwise) {
    Object value = configs == null ? null : configs.get(name);
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(name + " must be true or false");
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> Class<T> recordClass(String property, String name) {
    Class<?> found;
    try {
      found = Class.forName(name, true, classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(property + ": no class named " + name + " on the class path");
    }
    if (!SpecificRecord.class.isAssignableFrom(found)) {
      throw new ConfigException(property + ": " + name + " is not a generated Avro record class");
    }
    return (Class<T>) found;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : SerdeConfig.class.getClassLoader();
  }

  private static String describe(String name) {
    return switch (name) {
      case SCHEMA_REGISTRY_URL -> "the schema registry's base URL, e.g. http://127.0.0.1:8080/apis/ccompat/v7";
      case VALUE_TYPE -> "the generated Avro class of the values, e.g. org.safehaven.schema.Alert";
      case KEY_TYPE -> "the generated Avro class of the keys";
      default -> "see SerdeConfig";
    };
  }
}
