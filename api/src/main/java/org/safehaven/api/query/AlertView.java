package org.safehaven.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.safehaven.indexer.document.Fields;

/**
 * An alert in the shape users see (docs/specification.md, 9.1 "The shape users see"): every field of that shape
 * present, null where the alert has no value, in that order; then, only when set, what
 * SYSTEMATIC_DEFERRAL adds (window counts) and the policy version that decided it; then, always, which
 * revision this is ({@code revision}, 1 when first raised) and whether it withdraws the alert
 * ({@code withdrawn}). A document indexed before alerts had revisions reads as revision 1, not withdrawn.
 */
public final class AlertView {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> SHAPE = List.of(Fields.ALERT_ID, Fields.RULE, Fields.SEVERITY, Fields.FORCE,
      Fields.PERSON_REF, Fields.REPORT_ID, Fields.TRIGGERING_EVENT_ID, Fields.EVENT_TIME, Fields.DETECTED_AT,
      Fields.DELAY_HOURS, Fields.PHASE, Fields.MIXED_ROLES, Fields.OFFENCE, Fields.CHANNEL, Fields.RECIPIENT);
  static final List<String> EXTRAS = List.of(Fields.WINDOW_DISCLOSURES, Fields.WINDOW_AFTER_CLOSURE,
      Fields.POLICY_VERSION);
  /** Revisions count from 1. */
  public static final int FIRST_REVISION = 1;

  private AlertView() {}

  /** @param source an alert document as the indexer wrote it */
  public static ObjectNode of(JsonNode source) {
    ObjectNode out = JSON.createObjectNode();
    for (String f : SHAPE) {
      JsonNode v = source.get(f);
      if (v == null || v.isNull()) {
        if (Fields.MIXED_ROLES.equals(f)) {
          out.put(f, false);
        } else {
          out.putNull(f);
        }
      } else {
        out.set(f, v);
      }
    }
    for (String f : EXTRAS) {
      JsonNode v = source.get(f);
      if (v != null && !v.isNull()) {
        out.set(f, v);
      }
    }
    out.put(Fields.REVISION, source.path(Fields.REVISION).asInt(FIRST_REVISION));
    out.put(Fields.WITHDRAWN, source.path(Fields.WITHDRAWN).asBoolean(false));
    return out;
  }
}
