package org.safehaven.flink.event;

/**
 * Why a source record could not be read, and where it was: what the dead-letter record needs. Carries no
 * part of the record's bytes, which may hold anything.
 */
public class Rejection implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  public String reason;
  public String rule;
  public String sourceTopic;
  public int sourcePartition = -1;
  public long sourceOffset = -1;
  public long rejectedAt;
  /** Where the record was when it is not a topic position, e.g. "interchange file line 12". */
  public String where;

  public Rejection() {
  }

  public static Rejection of(String reason, String rule, String topic, int partition, long offset, long at) {
    Rejection r = new Rejection();
    r.reason = reason;
    r.rule = rule;
    r.sourceTopic = topic;
    r.sourcePartition = partition;
    r.sourceOffset = offset;
    r.rejectedAt = at;
    return r;
  }
}
