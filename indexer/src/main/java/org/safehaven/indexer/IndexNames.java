package org.safehaven.indexer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Elasticsearch indices results land in, all named from one prefix ({@code indexer.indexPrefix}):
 * {@code PREFIX-alerts}, {@code PREFIX-alert-revisions}, {@code PREFIX-lineage}, {@code PREFIX-metrics},
 * {@code PREFIX-reports}. The
 * indexer writes them and the query API reads them, so both take their names from here. A prefix of its
 * own lets a test or a benchmark use a shared Elasticsearch without touching anyone else's documents.
 *
 * @param prefix lowercase letters, digits, '_' and '-', as Elasticsearch allows in index names
 */
public record IndexNames(String prefix) {

  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

  public static final IndexNames DEFAULT = new IndexNames("safehaven");

  public IndexNames {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("an index prefix is 1 to 50 lowercase letters, digits, '_' or '-'");
    }
  }

  /**
   * Alerts, one document per alert, id = alertId: its highest revision (the Elasticsearch external version
   * is the revision), withdrawn or not. Every count and list of alerts reads this index.
   */
  public String alerts() {
    return prefix + "-alerts";
  }

  /** Every revision of every alert as it was written, id = {@code alertId|revision}: an alert's history. */
  public String alertRevisions() {
    return prefix + "-alert-revisions";
  }

  /** PNC queries and disclosures as the lineage topic carries them, id = eventId. */
  public String lineage() {
    return prefix + "-lineage";
  }

  /** Daily force metrics, id = force|day. */
  public String metrics() {
    return prefix + "-metrics";
  }

  /** Crime reports and case-status changes (the start of every lineage chain), id = eventId. */
  public String reports() {
    return prefix + "-reports";
  }

  public List<String> all() {
    return List.of(alerts(), alertRevisions(), lineage(), metrics(), reports());
  }
}
