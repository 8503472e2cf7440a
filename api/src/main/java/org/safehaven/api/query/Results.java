package org.safehaven.api.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** What the result service returns, before rendering (suppression, JSON or CSV). */
public final class Results {

  private Results() {}

  /** One page of documents and the total that matched. */
  public record Page(List<ObjectNode> items, long total) {}

  /** One group of flows: its dimension values (null where a flow has none, e.g. a PNC check's recipient). */
  public record FlowGroup(Map<String, String> key, long disclosures, long pncImmigrationChecks) {}

  /** One group of delayed-sharing delays, in hours. */
  public record DelayGroup(Map<String, String> key, long count, Double p50, Double p90, Double max) {}

  /** A lineage chain: entries ordered by time, and whether any part was cut at the limit. */
  public record Chain(List<ObjectNode> entries, boolean truncated) {}
}
