package org.safehaven.flink.rules;

/** One DELAYED_SHARING disclosure as SYSTEMATIC_DEFERRAL counts it. A Flink POJO. */
public class DeferralEntry {

  public String eventId;
  public long disclosedAt;
  public boolean soonAfterClosure;

  public DeferralEntry() {
  }

  public static DeferralEntry of(Decision d) {
    DeferralEntry e = new DeferralEntry();
    e.eventId = d.triggeringEventId;
    e.disclosedAt = d.eventTime;
    e.soonAfterClosure = d.soonAfterClosure;
    return e;
  }
}
