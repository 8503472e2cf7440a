package org.safehaven.runtime.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.safehaven.core.registry.SchemaRegistryClient;
import org.safehaven.core.registry.SchemaRegistryException;
import org.safehaven.core.topic.Topic;
import org.safehaven.runtime.StackException;

/**
 * Prepares the schema registry as a real deployment would: sets the global compatibility level and
 * registers every topic's value schema under {@code <topic>-value} (TopicNameStrategy). Both steps are
 * idempotent, so a restart on the same registry finds the same ids.
 */
public final class RegistryBootstrap {

  /** A value schema to register. */
  public record Subject(String name, Schema schema) {}

  private RegistryBootstrap() {}

  /** The subjects of the topics that carry Avro values (raw topics have none). */
  public static List<Subject> subjects(List<Topic<?>> topics) {
    List<Subject> out = new ArrayList<>();
    for (Topic<?> t : topics) {
      Schema s = t.valueSchema();
      if (s != null) {
        out.add(new Subject(t.valueSubject(), s));
      }
    }
    return out;
  }

  /**
   * Sets the global compatibility level, then registers each subject's schema.
   *
   * @return the schema ids by subject
   */
  public static Map<String, Integer> apply(SchemaRegistryClient registry, String compatibility, List<Subject> subjects) {
    try {
      registry.setCompatibility(compatibility);
    } catch (SchemaRegistryException e) {
      throw new StackException("the schema registry refused compatibility " + compatibility + ": " + e.getMessage(), e);
    }
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Subject s : subjects) {
      try {
        ids.put(s.name(), registry.register(s.name(), s.schema()));
      } catch (SchemaRegistryException e) {
        throw new StackException("the schema registry refused the schema of " + s.name() + ": " + e.getMessage(), e);
      }
    }
    return ids;
  }
}
