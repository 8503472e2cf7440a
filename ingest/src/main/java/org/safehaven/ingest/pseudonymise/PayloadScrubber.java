package org.safehaven.ingest.pseudonymise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.safehaven.ingest.validate.Violations;

/**
 * Makes the payload of a dead letter: the refused event as it came, minus anything that could identify
 * a person. A dead letter must let an operator see why an event failed without becoming the leak the
 * platform exists to prevent.
 *
 * <p>Contract, applied to the parsed JSON at every depth:
 * <ul>
 *   <li>every {@code personId} value becomes its personRef (a non-string scalar is pseudonymised as its
 *       text; an object or array there is withheld);</li>
 *   <li>the value at every path a violation names is replaced by {@value #WITHHELD}: an invalid value
 *       could be anything, including an identifier typed into the wrong field;</li>
 *   <li>fields the format does not have are withheld, and fields whose names are not plain letters are
 *       dropped (a name can carry data too), counted under {@code "(dropped fields)"};</li>
 *   <li>input that did not parse is never copied: the payload is {@code "(not parsed: N bytes)"}.</li>
 * </ul>
 */
public final class PayloadScrubber {

  public static final String WITHHELD = "(withheld)";
  public static final String DROPPED_FIELDS = "(dropped fields)";

  /** Every field name of the interchange format, at any level. */
  private static final Set<String> FORMAT_FIELDS = Set.of("type", "eventId", "force", "reportId", "occurredAt",
      "reportedAt", "offence", "persons", "personId", "role", "queryId", "queriedAt", "officerId", "reason",
      "disclosureId", "disclosedAt", "recipient", "channel", "purpose", "status", "changedAt");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Pseudonymiser pseudonymiser;

  public PayloadScrubber(Pseudonymiser pseudonymiser) {
    this.pseudonymiser = pseudonymiser;
  }

  /** The dead-letter payload for a refused event. */
  public String payload(Violations refusal) {
    if (refusal.parsed() == null) {
      return notParsed(refusal.byteSize());
    }
    JsonNode clean = scrub(refusal.parsed(), "$", refusal.paths());
    try {
      return JSON.writeValueAsString(clean);
    } catch (JsonProcessingException | RuntimeException e) {
      return notParsed(refusal.byteSize());
    }
  }

  public static String notParsed(int bytes) {
    return "(not parsed: " + bytes + " bytes)";
  }

  /** A scrubbed copy of a parsed event (see the class contract). */
  public JsonNode scrub(JsonNode node, String path, Set<String> withheld) {
    if (withheld.contains(path)) {
      return TextNode.valueOf(WITHHELD);
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      int dropped = 0;
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String name = f.getKey();
        if (!PLAIN_NAME.matcher(name).matches() || DROPPED_FIELDS.equals(name)) {
          dropped++;
        } else if (name.equals("personId")) {
          out.set(name, ref(f.getValue()));
        } else if (!FORMAT_FIELDS.contains(name)) {
          out.put(name, WITHHELD);
        } else {
          out.set(name, scrub(f.getValue(), path + "." + name, withheld));
        }
      }
      if (dropped > 0) {
        out.put(DROPPED_FIELDS, dropped);
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        out.add(scrub(node.get(i), path + "[" + i + "]", withheld));
      }
      return out;
    }
    return node;
  }

  private JsonNode ref(JsonNode value) {
    if (value.isNull()) {
      return value;
    }
    if (value.isContainerNode()) {
      return TextNode.valueOf(WITHHELD);
    }
    return TextNode.valueOf(pseudonymiser.refText(value.asText()));
  }
}
