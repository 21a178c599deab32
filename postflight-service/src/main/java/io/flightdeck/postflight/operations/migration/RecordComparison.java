package io.flightdeck.postflight.operations.migration;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.RecordKind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares legacy records with their copies on the account's shard, record by record (checksums of
 * the public fields, {@link RecordDifference}). A record that differs may be on its way through
 * Kafka (its completion just written in legacy, not yet ingested): differences are read again, both
 * sides, after a settle delay, and only those left count.
 */
record RecordComparison(LegacyStore legacy, Duration settle) {
  /** How many records were compared, and those that still differ after the settle delay. */
  record Result(long compared, List<RecordDifference> differences) {
    long equal() {
      return compared - differences.size();
    }
  }

  /** Compares the records, then the ones that differed again after the settle delay. */
  Uni<Result> compare(Pool shard, String account, List<LifecycleRecord> records) {
    return differences(shard, account, records)
        .chain(
            first -> {
              if (first.isEmpty()) {
                return Uni.createFrom().item(new Result(records.size(), List.of()));
              }
              List<String> sids = first.stream().map(RecordDifference::sid).toList();
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(settle)
                  .chain(() -> legacy.bySids(sids))
                  .chain(
                      again ->
                          differences(
                              shard,
                              account,
                              again.stream().map(LegacyStore.LegacyRow::record).toList()))
                  .map(left -> new Result(records.size(), left));
            });
  }

  /** The records that differ now, without waiting. */
  static Uni<List<RecordDifference>> differences(
      Pool shard, String account, List<LifecycleRecord> records) {
    Map<RecordKind, List<LifecycleRecord>> byKind =
        records.stream().collect(Collectors.groupingBy(LifecycleRecord::kind));
    return Multi.createFrom()
        .iterable(byKind.entrySet())
        .onItem()
        .transformToUniAndConcatenate(
            kind ->
                ShardRecords.bySid(
                        shard,
                        account,
                        kind.getKey(),
                        kind.getValue().stream().map(LifecycleRecord::sid).toList())
                    .map(
                        stored -> {
                          List<RecordDifference> found = new ArrayList<>();
                          for (LifecycleRecord record : kind.getValue()) {
                            RecordDifference.of(record, stored.get(record.sid()))
                                .ifPresent(found::add);
                          }
                          return found;
                        }))
        .collect()
        .asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }
}
