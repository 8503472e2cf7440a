package org.safehaven.generator.world;

import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;

/**
 * How much of what happens in a national year at scale 1.0, after the specification's "Volumes". Every figure is a
 * rounded approximation chosen to make the mix realistic, stated with its basis:
 * <ul>
 *   <li>crime reports: 5.5 million a year (police recorded crime, year to March 2023, excluding fraud and
 *       computer misuse);</li>
 *   <li>case-status changes: about 1.6 per report, from {@link CaseLifecycle}'s mix (quick closure,
 *       investigation then no further action, charge then closure, long investigations);</li>
 *   <li>PNC queries: about 45 million a year, so the whole stream is about 60 million events (docs/specification.md; PNC
 *       has handled tens of millions of transactions a year, a record day of 444,515); none of these
 *       background queries asks about immigration status;</li>
 *   <li>disclosures to non-immigration recipients (social services, health, CPS, other forces): 500,000 a
 *       year;</li>
 *   <li>flows to immigration recipients are rare: about 1,500 "victim stories" a year (UK forces referred
 *       2,672 victims between May 2020 and September 2022, about 1,150 a year, plus PNC immigration checks on
 *       victims), about 12,000 custody stories about suspects (Operation Nexus-style checks and referrals),
 *       and about 4,000 checks on people named in no report (e.g. after a stop).</li>
 * </ul>
 * {@code --breach-rate X} multiplies the rate of victim stories by X and that of custody and unreported-person
 * stories by the square root of X (so that enriched files stay mostly about victims rather than be swamped by
 * non-breaching immigration checks); {@code --scale} multiplies everything.
 */
public final class Volumes {

  private Volumes() {
  }

  public static final double CRIMES_PER_YEAR = 5_500_000;
  public static final double PNC_QUERIES_PER_YEAR = 45_000_000;
  public static final double OTHER_DISCLOSURES_PER_YEAR = 500_000;
  public static final double VICTIM_STORIES_PER_YEAR = 1_500;
  public static final double SUSPECT_STORIES_PER_YEAR = 12_000;
  public static final double UNREPORTED_PERSON_FLOWS_PER_YEAR = 4_000;
  /** Approximate national events per second at scale 1 (crime + 1.6 status + PNC + disclosures). */
  public static final double NATIONAL_EVENTS_PER_SECOND =
      (CRIMES_PER_YEAR * 2.6 + PNC_QUERIES_PER_YEAR + OTHER_DISCLOSURES_PER_YEAR) / (365.0 * 86_400);

  /** National offence mix of recorded crime (approximate shares of the ONS offence groups). */
  public static final Offence[] OFFENCES = {
      Offence.DOMESTIC_ABUSE, Offence.SEXUAL_OFFENCE, Offence.MODERN_SLAVERY, Offence.VIOLENCE_WITH_INJURY,
      Offence.VIOLENCE_WITHOUT_INJURY, Offence.ROBBERY, Offence.THEFT, Offence.BURGLARY,
      Offence.CRIMINAL_DAMAGE, Offence.PUBLIC_ORDER, Offence.HATE_CRIME, Offence.FRAUD, Offence.DRUGS,
      Offence.TRAFFIC, Offence.OTHER};
  public static final double[] OFFENCE_MIX = Rng.cumulative(
      0.140, 0.036, 0.002, 0.100, 0.150, 0.014, 0.220, 0.045, 0.090, 0.075, 0.020, 0.010, 0.035, 0.010, 0.053);

  /**
   * Offences of the reports behind victim stories: the victims most at risk of having their data passed to
   * Immigration Enforcement are those of domestic abuse, sexual offences, modern slavery, violence and
   * robbery (the super-complaint's concern).
   */
  public static final double[] VICTIM_STORY_OFFENCE_MIX = Rng.cumulative(
      0.30, 0.10, 0.08, 0.12, 0.10, 0.08, 0.07, 0.03, 0.01, 0.01, 0.06, 0.02, 0.0, 0.0, 0.02);

  /** Background PNC reasons: never IMMIGRATION_STATUS (those come only from the immigration stories). */
  public static final PncReason[] PNC_REASONS = {
      PncReason.CRIME_INVESTIGATION, PncReason.INTELLIGENCE, PncReason.STOP, PncReason.TRAFFIC,
      PncReason.ARREST, PncReason.CUSTODY, PncReason.WARRANT_CHECK, PncReason.SAFEGUARDING, PncReason.ADMIN};
  public static final double[] PNC_REASON_MIX = Rng.cumulative(0.24, 0.10, 0.12, 0.20, 0.08, 0.08, 0.07, 0.05, 0.06);

  public static final Recipient[] IMMIGRATION_RECIPIENTS = {
      Recipient.IMMIGRATION_ENFORCEMENT, Recipient.UK_VISAS_AND_IMMIGRATION, Recipient.BORDER_FORCE};
  public static final double[] IMMIGRATION_RECIPIENT_MIX = Rng.cumulative(0.80, 0.12, 0.08);

  /** Channels of victims' data to immigration recipients, after the NCCU referral routes of the 2020 report. */
  public static final Channel[] VICTIM_CHANNELS = {
      Channel.NCCU_PHONE, Channel.NCCU_EMAIL, Channel.EMBEDDED_IE_OFFICER, Channel.PNC_MARKER, Channel.LETTER,
      Channel.OPERATION_NEXUS_CUSTODY, Channel.OTHER};
  public static final double[] VICTIM_CHANNEL_MIX = Rng.cumulative(0.35, 0.25, 0.15, 0.05, 0.10, 0.05, 0.05);
  /** Channels from custody (suspects): Operation Nexus and embedded officers dominate. */
  public static final double[] CUSTODY_CHANNEL_MIX = Rng.cumulative(0.15, 0.05, 0.25, 0.05, 0.0, 0.50, 0.0);

  public static final Purpose[] IMMIGRATION_PURPOSES = {
      Purpose.IMMIGRATION_STATUS_CHECK, Purpose.IMMIGRATION_ENFORCEMENT, Purpose.SAFEGUARDING, Purpose.OTHER};
  public static final double[] VICTIM_PURPOSE_MIX = Rng.cumulative(0.60, 0.20, 0.15, 0.05);
  public static final double[] CUSTODY_PURPOSE_MIX = Rng.cumulative(0.45, 0.50, 0.0, 0.05);

  /** Relative frequency of crime reports by hour of day (UTC): quiet at night, busiest afternoon and evening. */
  public static final double[] REPORT_HOURS = Rng.cumulative(
      3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5, 4, 3);
  /** Relative frequency of PNC queries by hour of day: follows police shift patterns. */
  public static final double[] PNC_HOURS = Rng.cumulative(
      2, 2, 1, 1, 1, 1, 2, 4, 6, 7, 7, 7, 6, 6, 7, 7, 7, 6, 6, 5, 5, 4, 3, 3);
}
