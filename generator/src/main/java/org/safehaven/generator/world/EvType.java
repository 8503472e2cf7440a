package org.safehaven.generator.world;

/** The four event types of the interchange format, with their wire names. */
public enum EvType {
  CRIME_REPORTED("crime_reported"),
  PNC_QUERY("pnc_query"),
  DISCLOSURE("disclosure"),
  CASE_STATUS("case_status");

  private final String wire;

  EvType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
