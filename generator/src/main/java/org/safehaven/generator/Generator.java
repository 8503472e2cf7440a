package org.safehaven.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.safehaven.core.policy.Policy;
import org.safehaven.generator.key.AnswerKey;
import org.safehaven.generator.key.KeyAlert;
import org.safehaven.generator.output.BadLines;
import org.safehaven.generator.output.Counts;
import org.safehaven.generator.output.IsoTime;
import org.safehaven.generator.output.OutputStage;
import org.safehaven.generator.world.World;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * Writes one generated file: the events (JSON Lines), its answer key ({@code FILE.key.jsonl}) and its summary
 * ({@code FILE.summary.json}). The world is streamed an hour at a time; only the events the answer key
 * needs are kept until the end.
 */
public final class Generator {

  /** Told after each simulated day, for a progress line on long runs. */
  @FunctionalInterface
  public interface Progress {
    void day(int done, int days, long lines);

    Progress NONE = (done, days, lines) -> { };
  }

  /** What a run produced. */
  public record Result(GeneratorOptions options, String policyVersion, Counts counts, List<KeyAlert> alerts,
                       Map<String, Integer> edgeCasesPlanted, long eventsBeyondEnd) {
  }

  private Generator() {
  }

  /** Generates into {@code out}, computing the answer key; writes no files. */
  public static Result run(GeneratorOptions options, Policy policy, OutputStage.LineOut out, Progress progress)
      throws IOException {
    options.checkAgainst(policy);
    World world = new World(options.worldParams());
    AnswerKey key = new AnswerKey();
    BadLines bad = new BadLines(world.ids(), options.idTag(), options.seed());
    OutputStage stage = new OutputStage(options.outputSettings(), world.ids(), bad, out, key, OutputStage.Pacer.NONE);
    try {
      long perDay = 86_400L / world.sliceSeconds();
      for (long i = 0; i < world.slices(); i++) {
        stage.slice(world.slice(i), world.sliceStart(i + 1));
        if ((i + 1) % perDay == 0) {
          progress.day((int) ((i + 1) / perDay), options.days(), stage.counts().lines());
        }
      }
      stage.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    return new Result(options, policy.version(), stage.counts(), key.alerts(policy), world.edgeCasesPlanted(),
        world.eventsBeyondEnd());
  }

  /**
   * Generates {@code eventsFile} (or standard output when null) plus the key and summary files (each
   * skipped when its path is null).
   */
  public static Result toFiles(GeneratorOptions options, Policy policy, Path eventsFile, OutputStream stdout,
                               Path keyFile, Path summaryFile, Progress progress) throws IOException {
    Result result;
    if (eventsFile != null) {
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(eventsFile), 1 << 20)) {
        result = run(options, policy, lines(os), progress);
      }
    } else {
      OutputStream os = new BufferedOutputStream(stdout, 1 << 20);
      result = run(options, policy, lines(os), progress);
      os.flush();
    }
    if (keyFile != null) {
      AnswerKey.write(result.alerts(), keyFile);
    }
    if (summaryFile != null) {
      Files.writeString(summaryFile, summary(result), StandardCharsets.UTF_8);
    }
    return result;
  }

  /** JSON Lines on a stream. */
  public static OutputStage.LineOut lines(OutputStream os) {
    return new OutputStage.LineOut() {
      @Override
      public void line(byte[] utf8, int len) throws IOException {
        os.write(utf8, 0, len);
        os.write('\n');
      }

      @Override
      public void badLine(String line) throws IOException {
        os.write(line.getBytes(StandardCharsets.UTF_8));
        os.write('\n');
      }

      @Override
      public void flush() throws IOException {
        os.flush();
      }
    };
  }

  /** Lines into an {@link EventSink}. */
  public static OutputStage.LineOut lines(EventSink sink) {
    return new OutputStage.LineOut() {
      @Override
      public void line(byte[] utf8, int len) throws IOException {
        sink.accept(new String(utf8, 0, len, StandardCharsets.UTF_8));
      }

      @Override
      public void badLine(String line) throws IOException {
        sink.accept(line);
      }

      @Override
      public void flush() throws IOException {
        sink.flush();
      }
    };
  }

  /** The summary file's content: deterministic (no timings), so it is byte-identical for the same options. */
  public static String summary(Result r) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.putPOJO("parameters", r.options().describe());
    root.put("policyVersion", r.policyVersion());
    Counts c = r.counts();
    ObjectNode ev = root.putObject("events");
    ev.put("lines", c.lines());
    ev.put("valid", c.valid());
    ev.put("duplicates", c.duplicates());
    ev.put("bad", c.bad());
    ev.putPOJO("validByType", c.byType());
    ev.putPOJO("badByKind", c.badByKind());
    ev.put("usedForAnswerKey", c.relevant());
    ev.put("outOfOrderLines", c.outOfOrder());
    ev.put("maxLatenessSeconds", c.maxLatenessSeconds());
    IsoTime iso = new IsoTime();
    ev.put("firstEventTime", c.valid() > 0 ? iso.toString(c.firstEventTime()) : null);
    ev.put("lastEventTime", c.valid() > 0 ? iso.toString(c.lastEventTime()) : null);
    ev.put("scheduledAfterEndNotWritten", r.eventsBeyondEnd());
    ObjectNode key = root.putObject("answerKey");
    key.put("alerts", r.alerts().size());
    Map<Rule, Integer> byRule = new EnumMap<>(Rule.class);
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Rule rule : Rule.values()) {
      byRule.put(rule, 0);
    }
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0);
    }
    for (KeyAlert a : r.alerts()) {
      byRule.merge(a.rule(), 1, Integer::sum);
      bySeverity.merge(a.severity(), 1, Integer::sum);
    }
    key.putPOJO("byRule", byRule);
    key.putPOJO("bySeverity", bySeverity);
    root.putPOJO("edgeCasesPlanted", new TreeMap<>(r.edgeCasesPlanted()));
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
