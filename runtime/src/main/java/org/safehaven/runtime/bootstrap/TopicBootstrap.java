package org.safehaven.runtime.bootstrap;

import org.safehaven.core.topic.TopicReadiness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.safehaven.core.config.SafeHavenConfig.TopicSettings;
import org.safehaven.core.topic.Topic;
import org.safehaven.runtime.StackException;

/**
 * Creates the platform's topics with the partitions and retention the configuration gives them.
 * Idempotent: a topic that already exists is left exactly as it is (its partition count is never changed
 * behind the user's back: that would move keys between partitions).
 */
public final class TopicBootstrap {

  private static final long HOUR_MS = 3_600_000L;

  private TopicBootstrap() {}

  /** The topics to create: retention 0 means forever; compacted topics are tables, not logs. */
  public static List<NewTopic> plan(List<Topic<?>> topics, TopicSettings settings) {
    List<NewTopic> out = new ArrayList<>();
    for (Topic<?> t : topics) {
      Map<String, String> configs = new HashMap<>();
      if (t.compacted()) {
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      } else {
        long hours = settings.retentionHours(t.name());
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, hours == 0 ? "-1" : Long.toString(hours * HOUR_MS));
      }
      out.add(new NewTopic(t.name(), settings.partitions(t.name()), settings.replicationFactor()).configs(configs));
    }
    return out;
  }

  /** Creates every planned topic that does not exist yet and waits until all can be written; returns how many were created. */
  public static int createAll(Admin admin, List<NewTopic> plan, long timeoutSeconds) {
    Map<String, KafkaFuture<Void>> results = admin.createTopics(plan).values();
    int created = 0;
    for (Map.Entry<String, KafkaFuture<Void>> r : results.entrySet()) {
      try {
        r.getValue().get(timeoutSeconds, TimeUnit.SECONDS);
        created++;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new StackException("cannot create topic " + r.getKey() + ": " + e.getCause().getMessage(), e);
        }
      } catch (TimeoutException e) {
        throw new StackException("creating topic " + r.getKey() + " took over " + timeoutSeconds + " s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while creating topics", e);
      }
    }
    try {
      // Acknowledged is not yet writable: see TopicReadiness for the producer bug this avoids.
      TopicReadiness.awaitWritable(admin, plan.stream().map(NewTopic::name).toList(),
          java.time.Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalStateException e) {
      throw new StackException(e.getMessage(), e);
    }
    return created;
  }
}
