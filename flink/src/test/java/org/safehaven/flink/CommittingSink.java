package org.safehaven.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A transactional test sink (two-phase commit, like the Kafka sink with EXACTLY_ONCE): records written between
 * two checkpoints are staged as one batch and become visible in {@link #committed()} only when the checkpoint
 * that covers them completes. Records after the last completed checkpoint of a cancelled job are never
 * visible; the restored job produces them again. A batch is committed at most once (a restored committer may
 * be asked again). Shared by name, so a job and its restored successor write to the same list.
 */
public final class CommittingSink<T> implements Sink<T>, SupportsCommitter<String> {

  private static final long serialVersionUID = 1L;
  private static final Map<String, List<Object>> STAGED = new ConcurrentHashMap<>();
  private static final Map<String, List<Object>> COMMITTED = new ConcurrentHashMap<>();

  private final String name;

  public CommittingSink(String name) {
    this.name = name;
    COMMITTED.putIfAbsent(name, java.util.Collections.synchronizedList(new ArrayList<>()));
  }

  @SuppressWarnings("unchecked")
  public List<T> committed() {
    List<Object> list = COMMITTED.get(name);
    synchronized (list) {
      return new ArrayList<>((List<T>) (List<?>) list);
    }
  }

  @Override
  public CommittingSinkWriter<T, String> createWriter(WriterInitContext context) {
    return new CommittingSinkWriter<>() {
      private List<Object> buffer = new ArrayList<>();

      @Override
      public void write(T element, Context ctx) {
        buffer.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {
      }

      @Override
      public Collection<String> prepareCommit() {
        if (buffer.isEmpty()) {
          return List.of();
        }
        String batch = UUID.randomUUID().toString();
        STAGED.put(batch, buffer);
        buffer = new ArrayList<>();
        return List.of(batch);
      }

      @Override
      public void close() {
      }
    };
  }

  @Override
  public Committer<String> createCommitter(CommitterInitContext context) {
    List<Object> target = COMMITTED.get(name);
    return new Committer<>() {
      @Override
      public void commit(Collection<CommitRequest<String>> requests) {
        for (CommitRequest<String> r : requests) {
          List<Object> batch = STAGED.remove(r.getCommittable());
          if (batch != null) {
            target.addAll(batch);
          }
        }
      }

      @Override
      public void close() {
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<String> getCommittableSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public String deserialize(int version, byte[] bytes) throws IOException {
        return new String(bytes, StandardCharsets.UTF_8);
      }
    };
  }
}
