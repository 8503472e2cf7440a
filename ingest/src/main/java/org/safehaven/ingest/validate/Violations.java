package org.safehaven.ingest.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why an event was refused, with what could still be read from it for the dead letter.
 *
 * @param list     the violations, in document order, at least one, at most
 *                 {@link EventValidator#MAX_VIOLATIONS}
 * @param parsed   the parsed JSON when the bytes were JSON (to be scrubbed of person identifiers before
 *                 it goes anywhere), else null
 * @param eventId  the eventId when it was present and well-formed, else null
 * @param force    the force slug when it was present and a known force, else null
 * @param byteSize the size of the input in bytes
 * @param paths    the path of every violation found, including those past the reported limit: what
 *                 the dead letter's payload must withhold
 */
public record Violations(List<Violation> list, JsonNode parsed, String eventId, String force, int byteSize,
                         Set<String> paths) implements ValidationResult {

  public Violations {
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs at least one violation");
    }
    list = List.copyOf(list);
    paths = paths == null ? Set.of() : Set.copyOf(paths);
  }

  public Violation first() {
    return list.get(0);
  }

  /** One line for a dead letter's reason: every violation's message and rule, never a value. */
  public String reason() {
    return list.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
