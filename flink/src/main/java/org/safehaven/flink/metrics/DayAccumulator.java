package org.safehaven.flink.metrics;

import org.safehaven.schema.Channel;
import org.safehaven.schema.Recipient;

/**
 * The running counts of one force's day: the flows themselves. Counts by recipient and channel are arrays
 * indexed by the enum's ordinal (Flink serializes primitive arrays natively). Alerts are not counted here:
 * every alert count is the alert index's (one set of numbers).
 */
public class DayAccumulator {

  public long crimeReports;
  public long victimsAndWitnesses;
  public long pncQueries;
  public long pncImmigrationQueries;
  public long[] byRecipient = new long[Recipient.values().length];
  public long[] byChannel = new long[Channel.values().length];

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
    return this;
  }
}
