package org.safehaven.api.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Small-number suppression for researchers, as UK official statistics do it: every count under
 * {@value #THRESHOLD} (zero included) is withheld and marked. Only primary suppression: a withheld cell
 * may still be derivable from a total and its other cells (secondary suppression is not applied; the
 * API publishes no totals next to suppressed groups, which limits but does not remove that risk).
 */
public final class Suppression {

  public static final int THRESHOLD = 10;
  /** How a withheld count appears in CSV (the ONS convention for confidential cells). */
  public static final String CSV_MARK = "[c]";

  private Suppression() {}

  public static boolean withheld(long count, boolean suppress) {
    return suppress && count < THRESHOLD;
  }

  /** {@code {"count": n, "suppressed": false}} or {@code {"count": null, "suppressed": true}}. */
  public static ObjectNode count(long count, boolean suppress) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (withheld(count, suppress)) {
      o.putNull("count");
      o.put("suppressed", true);
    } else {
      o.put("count", count);
      o.put("suppressed", false);
    }
    return o;
  }

  /** The CSV cell of a count. */
  public static Object cell(long count, boolean suppress) {
    return withheld(count, suppress) ? CSV_MARK : (Object) count;
  }
}
