package io.flightdeck.postflight.operations.split;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A walk of a table chunk after chunk, each chunk taking the walk from one position to the next, as
 * a stream of chunks rather than a chain of Unis: neither memory nor stack grows with the table.
 */
final class ChunkWalk {
  private ChunkWalk() {}

  /**
   * Runs {@code chunk} from {@code start}, then from the position it ended at, until {@code ended}
   * holds for the position reached; the last position (the start itself when it has ended).
   */
  static <P> Uni<P> from(P start, Predicate<P> ended, Function<P, Uni<P>> chunk) {
    AtomicReference<P> latest = new AtomicReference<>(start);
    return Multi.createBy()
        .repeating()
        .uni(
            () -> {
              P at = latest.get();
              if (ended.test(at)) {
                return Uni.createFrom().item(false);
              }
              return chunk.apply(at).invoke(latest::set).replaceWith(true);
            })
        .until(more -> !more)
        .collect()
        .last()
        .map(ignored -> latest.get());
  }
}
