package org.safehaven.ingest;

import org.safehaven.core.topic.TopicReadiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.safehaven.core.config.SafeHavenConfig;
import org.safehaven.core.topic.Topic;
import org.safehaven.core.topic.Topics;

/**
 * Makes sure the topics ingest reads and writes exist, with the configured partitions and retention,
 * before the first record: a missing topic would otherwise be auto-created (if at all) with the
 * broker's defaults. Existing topics are left as they are. Idempotent, safe to race with the runtime's
 * own topic creation.
 */
public final class TopicSetup {

  public static final List<Topic<?>> INGEST_TOPICS = List.of(Topics.EVENTS_RAW, Topics.CRIME_REPORTS,
      Topics.PNC_QUERIES, Topics.DISCLOSURES, Topics.CASE_STATUS, Topics.DEAD_LETTERS);

  private TopicSetup() {}

  public static void ensure(String bootstrapServers, SafeHavenConfig.TopicSettings settings) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?> t : INGEST_TOPICS) {
        if (!existing.contains(t.name())) {
          long hours = settings.retentionHours(t.name());
          missing.add(new NewTopic(t.name(), settings.partitions(t.name()), settings.replicationFactor())
              .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, hours == 0 ? "-1" : String.valueOf(hours * 3_600_000L))));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      TopicReadiness.awaitWritable(admin, missing.stream().map(NewTopic::name).toList(), java.time.Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating ingest topics", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot create the ingest topics on " + bootstrapServers + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
  }
}
