package io.flightdeck.billing;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * {@code --from}: the first time this process is given a partition, it moves to the first event the
 * broker stamped at or after the instant (Kafka's offsets-for-times; the stamp is when the relay
 * published the event). Later rebalances keep the group's committed positions.
 */
@ApplicationScoped
@Identifier("billing-replay")
public class ReplayFrom implements KafkaConsumerRebalanceListener {
  private static final Logger LOG = Logger.getLogger(ReplayFrom.class);

  private final Optional<Instant> from;
  private final Set<TopicPartition> replayed = ConcurrentHashMap.newKeySet();

  public ReplayFrom(BillingConfig config) {
    this.from = config.replayFrom();
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (from.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> query =
        partitions.stream()
            .filter(p -> !replayed.contains(p))
            .collect(Collectors.toMap(p -> p, p -> from.get().toEpochMilli()));
    if (query.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
    query
        .keySet()
        .forEach(
            partition -> {
              OffsetAndTimestamp found = offsets.get(partition);
              if (found == null) {
                consumer.seekToEnd(List.of(partition));
              } else {
                consumer.seek(partition, found.offset());
              }
              replayed.add(partition);
              LOG.infof(
                  "replaying %s from %s (offset %s)",
                  partition, from.get(), found == null ? "end" : found.offset());
            });
  }
}
