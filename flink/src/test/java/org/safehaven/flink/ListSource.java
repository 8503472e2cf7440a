package org.safehaven.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.safehaven.flink.event.InputEvent;

/**
 * A bounded, checkpointable test source of given events, in the given order (run it at parallelism 1 to keep
 * the order). Flink's generator source underneath, so a restored job resumes after the last checkpointed event.
 */
public final class ListSource {

  private ListSource() {
  }

  public static DataGeneratorSource<InputEvent> of(List<InputEvent> events) {
    return new DataGeneratorSource<>(new At(events), events.size(), TypeInformation.of(InputEvent.class));
  }

  /** At most {@code perSecond} events a second: slow enough to stop a job in the middle. */
  public static DataGeneratorSource<InputEvent> throttled(List<InputEvent> events, double perSecond) {
    return new DataGeneratorSource<>(new At(events), events.size(), RateLimiterStrategy.perSecond(perSecond),
        TypeInformation.of(InputEvent.class));
  }

  private static final class At implements GeneratorFunction<Long, InputEvent> {
    private static final long serialVersionUID = 1L;
    private final ArrayList<InputEvent> events;

    At(List<InputEvent> events) {
      this.events = new ArrayList<>(events);
    }

    @Override
    public InputEvent map(Long index) {
      return events.get(index.intValue());
    }
  }
}
