package org.safehaven.generator.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.function.Function;
import org.safehaven.generator.world.Ev;
import org.safehaven.generator.world.EvType;
import org.safehaven.generator.world.Forces;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * Renders an event in the interchange format of the specification (docs/specification.md), fields in the order of its examples. Optional
 * fields that the source system "lacks" ({@code queryId}, {@code disclosureId}, {@code officerId},
 * {@code reportId} on flows) are left out rather than written as null.
 */
public final class EventJson {

  private static final SerializableString TYPE = new SerializedString("type");
  private static final SerializableString EVENT_ID = new SerializedString("eventId");
  private static final SerializableString FORCE = new SerializedString("force");
  private static final SerializableString REPORT_ID = new SerializedString("reportId");
  private static final SerializableString OCCURRED_AT = new SerializedString("occurredAt");
  private static final SerializableString REPORTED_AT = new SerializedString("reportedAt");
  private static final SerializableString OFFENCE = new SerializedString("offence");
  private static final SerializableString PERSONS = new SerializedString("persons");
  private static final SerializableString PERSON_ID = new SerializedString("personId");
  private static final SerializableString ROLE = new SerializedString("role");
  private static final SerializableString QUERY_ID = new SerializedString("queryId");
  private static final SerializableString QUERIED_AT = new SerializedString("queriedAt");
  private static final SerializableString OFFICER_ID = new SerializedString("officerId");
  private static final SerializableString REASON = new SerializedString("reason");
  private static final SerializableString DISCLOSURE_ID = new SerializedString("disclosureId");
  private static final SerializableString DISCLOSED_AT = new SerializedString("disclosedAt");
  private static final SerializableString RECIPIENT = new SerializedString("recipient");
  private static final SerializableString CHANNEL = new SerializedString("channel");
  private static final SerializableString PURPOSE = new SerializedString("purpose");
  private static final SerializableString STATUS = new SerializedString("status");
  private static final SerializableString CHANGED_AT = new SerializedString("changedAt");

  private static final SerializableString[] TYPES = serialized(EvType.values(), t -> t.wire());
  private static final SerializableString[] FORCES = serialized(Forces.ALL.toArray(new Forces.Force[0]), Forces.Force::slug);
  private static final SerializableString[] OFFENCES = serialized(Offence.values(), Enum::name);
  private static final SerializableString[] ROLES = serialized(Role.values(), Enum::name);
  private static final SerializableString[] REASONS = serialized(PncReason.values(), Enum::name);
  private static final SerializableString[] RECIPIENTS = serialized(Recipient.values(), Enum::name);
  private static final SerializableString[] CHANNELS = serialized(Channel.values(), Enum::name);
  private static final SerializableString[] PURPOSES = serialized(Purpose.values(), Enum::name);
  private static final SerializableString[] STATUSES = serialized(CaseStatusValue.values(), Enum::name);

  private final IsoTime iso = new IsoTime();
  /** A quoted instant: '"' + 20 characters + '"', written raw (it needs no escaping). */
  private final char[] quoted = new char[22];

  public EventJson() {
    quoted[0] = '"';
    quoted[21] = '"';
  }

  private static <T> SerializableString[] serialized(T[] values, Function<T, String> name) {
    SerializableString[] out = new SerializableString[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new SerializedString(name.apply(values[i]));
    }
    return out;
  }

  public void write(JsonGenerator g, Ev e) throws IOException {
    g.writeStartObject();
    g.writeFieldName(TYPE);
    g.writeString(TYPES[e.type.ordinal()]);
    g.writeFieldName(EVENT_ID);
    g.writeString(e.eventId);
    g.writeFieldName(FORCE);
    g.writeString(FORCES[e.force.index()]);
    switch (e.type) {
      case CRIME_REPORTED -> {
        field(g, REPORT_ID, e.reportId);
        instant(g, OCCURRED_AT, e.occurredAt);
        instant(g, REPORTED_AT, e.time);
        constant(g, OFFENCE, OFFENCES[e.offence.ordinal()]);
        g.writeFieldName(PERSONS);
        g.writeStartArray();
        for (int i = 0; i < e.personIds.length; i++) {
          g.writeStartObject();
          field(g, PERSON_ID, e.personIds[i]);
          constant(g, ROLE, ROLES[e.roles[i].ordinal()]);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      case PNC_QUERY -> {
        field(g, QUERY_ID, e.flowId);
        instant(g, QUERIED_AT, e.time);
        field(g, OFFICER_ID, e.officerId);
        field(g, PERSON_ID, e.personId);
        constant(g, REASON, REASONS[e.reason.ordinal()]);
        field(g, REPORT_ID, e.reportId);
      }
      case DISCLOSURE -> {
        field(g, DISCLOSURE_ID, e.flowId);
        instant(g, DISCLOSED_AT, e.time);
        field(g, PERSON_ID, e.personId);
        constant(g, RECIPIENT, RECIPIENTS[e.recipient.ordinal()]);
        constant(g, CHANNEL, CHANNELS[e.channel.ordinal()]);
        constant(g, PURPOSE, PURPOSES[e.purpose.ordinal()]);
        field(g, OFFICER_ID, e.officerId);
        field(g, REPORT_ID, e.reportId);
      }
      case CASE_STATUS -> {
        field(g, REPORT_ID, e.reportId);
        constant(g, STATUS, STATUSES[e.status.ordinal()]);
        instant(g, CHANGED_AT, e.time);
      }
      default -> throw new IllegalStateException();
    }
    g.writeEndObject();
  }

  private static void field(JsonGenerator g, SerializableString name, String value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeString(value);
    }
  }

  private static void constant(JsonGenerator g, SerializableString name, SerializableString value) throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private void instant(JsonGenerator g, SerializableString name, long epochSecond) throws IOException {
    g.writeFieldName(name);
    System.arraycopy(iso.format(epochSecond), 0, quoted, 1, 20);
    g.writeRawValue(quoted, 0, 22);
  }
}
