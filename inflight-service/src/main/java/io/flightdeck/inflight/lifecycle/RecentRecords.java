package io.flightdeck.inflight.lifecycle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.flightdeck.record.LifecycleRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Live records as this instance last wrote or read them, so that a transition can decide and write
 * in one version-checked UPDATE, without reading the row first. It is a guess, never an answer: the
 * UPDATE changes the row only where it still has the remembered version, and any other outcome
 * (another instance moved it, post-flight's confirmation purged it, it was forgotten) is resolved
 * by reading the store. So several instances, or a node's records moving, can make it stale but
 * never wrong. A record is forgotten once it reaches a terminal status (no move follows), and the
 * least recently used go first beyond {@link WriteConfig#rememberedRecords()}.
 */
@ApplicationScoped
public class RecentRecords {
  private final Cache<String, LifecycleRecord> records;

  public RecentRecords(WriteConfig config) {
    this.records = Caffeine.newBuilder().maximumSize(config.rememberedRecords()).build();
  }

  Optional<LifecycleRecord> get(String sid) {
    return Optional.ofNullable(records.getIfPresent(sid));
  }

  /** Remembers a record as the store now holds it; a terminal record is forgotten instead. */
  void remember(LifecycleRecord record) {
    if (record.status().terminal()) {
      records.invalidate(record.sid());
    } else {
      records.asMap().merge(record.sid(), record, RecentRecords::newer);
    }
  }

  void forget(String sid) {
    records.invalidate(sid);
  }

  /** Two writers racing to remember: the higher version is the store's. */
  private static LifecycleRecord newer(LifecycleRecord kept, LifecycleRecord given) {
    return given.version() >= kept.version() ? given : kept;
  }
}
