package org.safehaven.indexer.pipeline;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safehaven.indexer.document.Fields;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;

/**
 * Makes Elasticsearch's reason for refusing a document safe to write into a dead letter and a log line.
 *
 * <p>Elasticsearch quotes document content in some reasons ("Preview of field's value: '...'", "The
 * prefix of the first immense term is: '[...]'", "failed to parse date field [...]"), and content must
 * not travel into dead letters or logs as free text: it could be anything. So every quoted or bracketed
 * part is replaced by {@code [...]} unless it is one of the names we know — our field names, the metrics'
 * enum keys, Elasticsearch's field types — alone or as a dotted path, which is what a reader needs to
 * find the problem; and the text is capped. (The dead letter's payload carries the document itself,
 * which holds personRefs only, for the rest.)
 */
public final class RejectionReasons {

  static final int MAX_LENGTH = 300;
  private static final Pattern QUOTED = Pattern.compile("'[^']*'?|\\[[^\\]]*\\]?");
  private static final Set<String> KNOWN = known();
  private static final Pattern PREVIEW = Pattern.compile(
      "preview of field's value|the prefix of the first immense term", Pattern.CASE_INSENSITIVE);

  private RejectionReasons() {}

  /**
   * @param type   Elasticsearch's error type, e.g. {@code document_parsing_exception}
   * @param reason its reason text, possibly quoting the document
   */
  public static String sanitize(String type, String reason) {
    String t = type == null || !type.matches("[a-z_]{1,80}") ? "error" : type;
    if (reason == null || reason.isBlank()) {
      return t;
    }
    // Elasticsearch's own previews of the value come last in its messages: drop them whole.
    Matcher preview = PREVIEW.matcher(reason);
    String text0 = preview.find() ? reason.substring(0, preview.start()) + "(value withheld)" : reason;
    Matcher m = QUOTED.matcher(text0);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String whole = m.group();
      boolean closed = whole.length() > 1 && closes(whole);
      String inner = whole.substring(1, whole.length() - (closed ? 1 : 0));
      m.appendReplacement(out, Matcher.quoteReplacement(closed && isKnownPath(inner) ? whole : "[...]"));
    }
    m.appendTail(out);
    String text = out.toString().replaceAll("\\p{Cntrl}", " ").strip();
    int stray = text.indexOf('\'');
    if (stray >= 0) {
      // An unpaired quote: whatever follows may be content.
      text = text.substring(0, stray) + "[...]";
    }
    if (text.length() > MAX_LENGTH) {
      text = text.substring(0, MAX_LENGTH) + "...";
    }
    return t + ": " + text;
  }

  private static boolean closes(String quoted) {
    char first = quoted.charAt(0);
    char last = quoted.charAt(quoted.length() - 1);
    return (first == '\'' && last == '\'') || (first == '[' && last == ']');
  }

  private static boolean isKnownPath(String inner) {
    if (inner.isEmpty()) {
      return false;
    }
    for (String part : inner.split("\\.", -1)) {
      if (!KNOWN.contains(part)) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> known() {
    Set<String> names = new HashSet<>(Set.of("_doc", "_id", "_source", "keyword", "date", "long", "integer",
        "double", "boolean", "object", "strict", "strict_date", "strict_date_optional_time", "epoch_millis"));
    for (Field f : Fields.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    for (Enum<?>[] symbols : new Enum<?>[][] {Recipient.values(), Channel.values(), Rule.values()}) {
      for (Enum<?> s : symbols) {
        names.add(s.name());
      }
    }
    return Set.copyOf(names);
  }
}
