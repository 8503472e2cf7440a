package org.safehaven.indexer.template;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.document.Fields;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;

/**
 * The index templates: one per index, each with an explicit mapping and {@code dynamic: strict}, so a
 * document with a field nobody declared (a schema change that reached the indexer before its mapping
 * did) is refused by Elasticsearch, goes to the dead letters with the reason, and is not silently
 * guessed into a text field.
 *
 * <p>Keywords for everything the queries filter or group on (force, rule, severity, recipient, channel,
 * offence, phase, ids); dates for times; longs for counts. The per-recipient, per-channel and per-rule
 * counts of the daily metrics are objects whose keys are the Avro enum symbols, declared one by one
 * (strict objects, not a free-form map): a new symbol fails loudly until the mapping knows it.
 *
 * <p>Settings: one shard (the volumes are small for Elasticsearch), replicas auto-expanded 0-1 (none on
 * a single node, one in a cluster).
 */
public final class IndexTemplates {

  /** Above Elasticsearch's built-in templates (100-200), so ours decide these indices' mappings. */
  static final long PRIORITY = 500L;

  private IndexTemplates() {}

  /** Each index's mapping, by index name. */
  public static Map<String, TypeMapping> mappings(IndexNames names) {
    Map<String, TypeMapping> m = new LinkedHashMap<>();
    m.put(names.alerts(), alerts());
    // The history holds the same documents as the alerts index, one per revision.
    m.put(names.alertRevisions(), alerts());
    m.put(names.lineage(), lineage());
    m.put(names.metrics(), metrics());
    m.put(names.reports(), reports());
    return m;
  }

  public static TypeMapping alerts() {
    return TypeMapping.of(t -> t.dynamic(DynamicMapping.Strict)
        .properties(Fields.ALERT_ID, keyword())
        .properties(Fields.RULE, keyword())
        .properties(Fields.SEVERITY, keyword())
        .properties(Fields.FORCE, keyword())
        .properties(Fields.PERSON_REF, keyword())
        .properties(Fields.REPORT_ID, keyword())
        .properties(Fields.TRIGGERING_EVENT_ID, keyword())
        .properties(Fields.EVENT_TIME, date())
        .properties(Fields.DETECTED_AT, date())
        .properties(Fields.DELAY_HOURS, longs())
        .properties(Fields.PHASE, keyword())
        .properties(Fields.MIXED_ROLES, bool())
        .properties(Fields.OFFENCE, keyword())
        .properties(Fields.CHANNEL, keyword())
        .properties(Fields.RECIPIENT, keyword())
        .properties(Fields.WINDOW_DISCLOSURES, integer())
        .properties(Fields.WINDOW_AFTER_CLOSURE, integer())
        .properties(Fields.POLICY_VERSION, keyword())
        .properties(Fields.REVISION, integer())
        .properties(Fields.WITHDRAWN, bool()));
  }

  public static TypeMapping lineage() {
    Property roleHeld = Property.of(p -> p.object(o -> o.dynamic(DynamicMapping.Strict)
        .properties(Fields.REPORT_ID, keyword())
        .properties(Fields.FORCE, keyword())
        .properties(Fields.ROLE, keyword())
        .properties(Fields.OFFENCE, keyword())
        .properties(Fields.REPORTED_AT, date())
        .properties(Fields.CASE_STATUS, keyword())
        .properties(Fields.CASE_STATUS_CHANGED_AT, date())));
    return TypeMapping.of(t -> t.dynamic(DynamicMapping.Strict)
        .properties(Fields.EVENT_ID, keyword())
        .properties(Fields.FLOW_TYPE, keyword())
        .properties(Fields.FORCE, keyword())
        .properties(Fields.PERSON_REF, keyword())
        .properties(Fields.EVENT_TIME, date())
        .properties(Fields.REPORT_ID, keyword())
        .properties(Fields.PNC_REASON, keyword())
        .properties(Fields.RECIPIENT, keyword())
        .properties(Fields.CHANNEL, keyword())
        .properties(Fields.PURPOSE, keyword())
        .properties(Fields.IMMIGRATION_RECIPIENT, bool())
        .properties(Fields.PROTECTED_ROLES, roleHeld)
        .properties(Fields.PROTECTED, bool())
        .properties(Fields.OFFENCE, keyword())
        .properties(Fields.MIXED_ROLES, bool()));
  }

  public static TypeMapping metrics() {
    return TypeMapping.of(t -> t.dynamic(DynamicMapping.Strict)
        .properties(Fields.FORCE, keyword())
        .properties(Fields.DAY, Property.of(p -> p.date(d -> d.format("strict_date"))))
        .properties(Fields.CRIME_REPORTS, longs())
        .properties(Fields.VICTIMS_AND_WITNESSES, longs())
        .properties(Fields.PNC_QUERIES, longs())
        .properties(Fields.PNC_IMMIGRATION_QUERIES, longs())
        .properties(Fields.DISCLOSURES_BY_RECIPIENT, countsBy(Recipient.values()))
        .properties(Fields.DISCLOSURES_BY_CHANNEL, countsBy(Channel.values()))
        .properties(Fields.ALERTS_BY_RULE, countsBy(Rule.values()))
        .properties(Fields.DELAY_HOURS_P50, doubles())
        .properties(Fields.DELAY_HOURS_P90, doubles()));
  }

  public static TypeMapping reports() {
    Property person = Property.of(p -> p.object(o -> o.dynamic(DynamicMapping.Strict)
        .properties(Fields.PERSON_REF, keyword())
        .properties(Fields.ROLE, keyword())));
    return TypeMapping.of(t -> t.dynamic(DynamicMapping.Strict)
        .properties(Fields.KIND, keyword())
        .properties(Fields.EVENT_ID, keyword())
        .properties(Fields.FORCE, keyword())
        .properties(Fields.REPORT_ID, keyword())
        .properties(Fields.OFFENCE, keyword())
        .properties(Fields.OCCURRED_AT, date())
        .properties(Fields.REPORTED_AT, date())
        .properties(Fields.EVENT_TIME, date())
        .properties(Fields.PERSONS, person)
        .properties(Fields.STATUS, keyword())
        .properties(Fields.CHANGED_AT, date()));
  }

  /** The template for one index: the index's own name as its pattern, so prefixes never overlap. */
  public static PutIndexTemplateRequest template(String index, TypeMapping mapping) {
    return PutIndexTemplateRequest.of(r -> r.name(index)
        .indexPatterns(index)
        .priority(PRIORITY)
        .meta("managedBy", co.elastic.clients.json.JsonData.of("safehaven-indexer"))
        .template(t -> t.settings(settings()).mappings(mapping)));
  }

  static IndexSettings settings() {
    return IndexSettings.of(s -> s.numberOfShards("1").autoExpandReplicas("0-1"));
  }

  /**
   * Installs (or updates) every template, creates the indices that do not exist yet, and adds new
   * fields to the ones that do (a mapping may only grow; a conflicting change fails here, at start, with
   * Elasticsearch's reason). Idempotent: every start of the indexer calls it.
   */
  public static void install(ElasticsearchClient client, IndexNames names) throws IOException {
    for (Map.Entry<String, TypeMapping> e : mappings(names).entrySet()) {
      String index = e.getKey();
      client.indices().putIndexTemplate(template(index, e.getValue()));
      boolean exists = client.indices().exists(x -> x.index(index)).value();
      if (!exists) {
        try {
          client.indices().create(c -> c.index(index));
        } catch (ElasticsearchException race) {
          if (!"resource_already_exists_exception".equals(race.error().type())) {
            throw race;
          }
        }
      } else {
        TypeMapping m = e.getValue();
        client.indices().putMapping(p -> p.index(index).dynamic(m.dynamic()).properties(m.properties()));
      }
    }
  }

  private static Property keyword() {
    return Property.of(p -> p.keyword(k -> k));
  }

  private static Property date() {
    return Property.of(p -> p.date(d -> d));
  }

  private static Property longs() {
    return Property.of(p -> p.long_(l -> l));
  }

  private static Property integer() {
    return Property.of(p -> p.integer(i -> i));
  }

  private static Property doubles() {
    return Property.of(p -> p.double_(d -> d));
  }

  private static Property bool() {
    return Property.of(p -> p.boolean_(b -> b));
  }

  private static Property countsBy(Enum<?>[] symbols) {
    return Property.of(p -> p.object(o -> {
      o.dynamic(DynamicMapping.Strict);
      for (Enum<?> s : symbols) {
        o.properties(s.name(), longs());
      }
      return o;
    }));
  }
}
