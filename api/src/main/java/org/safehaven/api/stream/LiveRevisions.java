package org.safehaven.api.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the live stream last sent for each alert id, and what a new revision means for each client: the pure
 * decisions of {@link AlertStream}. Not thread-safe: the stream's one consumer thread owns it.
 *
 * <p>Only a revision higher than the last one seen for an alert is news (a replay, or an older revision
 * arriving after a newer one, is not). For a client, news is an {@link Kind#ALERT} when the alert stands and
 * its filters admit it, a {@link Kind#REMOVE} when the client may be showing an earlier revision that it must
 * no longer show (the alert was withdrawn, or the correction left the client's filters), else nothing.
 */
final class LiveRevisions {

  enum Kind { ALERT, REMOVE, NONE }

  /** The last revision seen for an alert id, and the alert as it then read (null: it was withdrawn). */
  private record Seen(int revision, ObjectNode view) {}

  /** A revision that is news: the alert as it now reads, whether it is withdrawn, and what came before. */
  record Update(int revision, boolean withdrawn, ObjectNode view, Optional<ObjectNode> before, boolean seenBefore) {

    /**
     * What to send a client whose role and filters are {@code admits}. When this stream never saw the alert
     * (it was raised before the API started, or was forgotten), the client may hold it from the alert list,
     * so a withdrawal or a correction it no longer admits is a removal when its filters match the alert at all.
     * The force of an alert never changes, so a removal never reaches a client not entitled to the alert.
     */
    Kind forClient(Predicate<ObjectNode> admits) {
      if (!withdrawn && admits.test(view)) {
        return Kind.ALERT;
      }
      boolean mayHold = seenBefore ? before.map(admits::test).orElse(false) : admits.test(view);
      return mayHold ? Kind.REMOVE : Kind.NONE;
    }
  }

  private final Map<String, Seen> seen;

  LiveRevisions(int remembered) {
    this.seen = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
        return size() > remembered;
      }
    };
  }

  /** Records a revision; empty when it is no news (not higher than the last one seen for the alert). */
  Optional<Update> accept(String alertId, int revision, boolean withdrawn, ObjectNode view) {
    Seen before = seen.get(alertId);
    if (before != null && revision <= before.revision()) {
      return Optional.empty();
    }
    seen.put(alertId, new Seen(revision, withdrawn ? null : view));
    return Optional.of(new Update(revision, withdrawn, view,
        before == null ? Optional.empty() : Optional.ofNullable(before.view()), before != null));
  }
}
