package io.flightdeck.aggregator.readpath;

import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.aggregator.stores.LegacyStore;
import io.flightdeck.aggregator.stores.RecordReads;
import io.flightdeck.aggregator.stores.RecordSource;
import io.flightdeck.aggregator.stores.Stores;
import io.flightdeck.flags.AccountFlags;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.shadow.Experiments;
import io.flightdeck.flags.shadow.Trial;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses, per request, where an account's records are read, from its {@code read-path} flag: the
 * legacy combined store or the split stores serve; on a shadowing variant the other one is read in
 * the background and compared ({@link Experiments}), which never changes or delays the answer.
 */
@ApplicationScoped
public class ReadPaths {
  private final AccountFlags flags;
  private final Stores split;
  private final LegacyStore legacy;
  private final Experiments experiments;

  public ReadPaths(AccountFlags flags, Stores split, LegacyStore legacy, Experiments experiments) {
    this.flags = flags;
    this.split = split;
    this.legacy = legacy;
    this.experiments = experiments;
  }

  /**
   * One list page on the account's read path.
   *
   * @param request the request as the client made it, for the mismatches' record
   */
  public Uni<Served<Merge.Page>> page(
      RecordReads<?> reads,
      String accountSid,
      Map<String, String> filter,
      Optional<ListPosition> after,
      int size,
      String request) {
    return serve(
        accountSid,
        request,
        source -> source.page(reads, accountSid, filter, after, size),
        Normalized::page);
  }

  /** One record on the account's read path. */
  public <R extends LifecycleRecord> Uni<Served<Optional<R>>> get(
      RecordReads<R> reads, String accountSid, String sid, String request) {
    return serve(
        accountSid, request, source -> source.get(reads, accountSid, sid), Normalized::found);
  }

  private <T> Uni<Served<T>> serve(
      String accountSid,
      String request,
      Function<RecordSource, Uni<T>> read,
      Function<T, ?> normalize) {
    return flags
        .variant(Flags.READ_PATH, accountSid)
        .flatMap(
            path -> {
              Uni<T> served = read.apply(source(path.served()));
              if (path.shadow().isPresent()) {
                ReadPath.Store candidate = path.shadow().get();
                Trial trial =
                    new Trial(
                        Flags.READ_PATH.name(),
                        accountSid,
                        request,
                        name(path.served()),
                        name(candidate));
                served =
                    experiments.run(trial, served, () -> read.apply(source(candidate)), normalize);
              }
              return served.map(answer -> new Served<>(answer, path));
            });
  }

  private RecordSource source(ReadPath.Store store) {
    return store == ReadPath.Store.LEGACY ? legacy : split;
  }

  private static String name(ReadPath.Store store) {
    return store.name().toLowerCase();
  }
}
