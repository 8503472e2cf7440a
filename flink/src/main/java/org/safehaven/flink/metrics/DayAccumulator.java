package org.safehaven.flink.metrics;

import java.util.Arrays;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;

/**
 * The running counts of one force's day. Counts by recipient, channel and rule are arrays indexed by the
 * enum's ordinal (Flink serializes primitive arrays natively); the DELAYED_SHARING delays are kept whole in a
 * growable array for exact percentiles (they are rare: a handful per force per day at the most).
 */
public class DayAccumulator {

  public long crimeReports;
  public long victimsAndWitnesses;
  public long pncQueries;
  public long pncImmigrationQueries;
  public long[] byRecipient = new long[Recipient.values().length];
  public long[] byChannel = new long[Channel.values().length];
  public long[] byRule = new long[Rule.values().length];
  public long[] delays = new long[0];
  public int delayCount;

  public DayAccumulator() {
  }

  public DayAccumulator add(Tally t) {
    switch (t.kind) {
      case REPORT -> {
        crimeReports++;
        victimsAndWitnesses += t.victimsAndWitnesses;
      }
      case PNC_QUERY -> {
        pncQueries++;
        if (t.immigrationQuery) {
          pncImmigrationQueries++;
        }
      }
      case DISCLOSURE -> {
        byRecipient[t.recipient.ordinal()]++;
        byChannel[t.channel.ordinal()]++;
      }
      case ALERT -> {
        byRule[t.rule.ordinal()]++;
        if (t.delayHours >= 0) {
          addDelay(t.delayHours);
        }
      }
      default -> throw new IllegalStateException("unknown tally kind " + t.kind);
    }
    return this;
  }

  public DayAccumulator merge(DayAccumulator o) {
    crimeReports += o.crimeReports;
    victimsAndWitnesses += o.victimsAndWitnesses;
    pncQueries += o.pncQueries;
    pncImmigrationQueries += o.pncImmigrationQueries;
    for (int i = 0; i < byRecipient.length; i++) {
      byRecipient[i] += o.byRecipient[i];
    }
    for (int i = 0; i < byChannel.length; i++) {
      byChannel[i] += o.byChannel[i];
    }
    for (int i = 0; i < byRule.length; i++) {
      byRule[i] += o.byRule[i];
    }
    for (int i = 0; i < o.delayCount; i++) {
      addDelay(o.delays[i]);
    }
    return this;
  }

  private void addDelay(long hours) {
    if (delayCount == delays.length) {
      delays = Arrays.copyOf(delays, Math.max(4, delays.length * 2));
    }
    delays[delayCount++] = hours;
  }

  /** The delays so far, sorted (a copy). */
  public long[] sortedDelays() {
    long[] d = Arrays.copyOf(delays, delayCount);
    Arrays.sort(d);
    return d;
  }
}
