package io.flightdeck.inflight.outbox;

import io.quarkus.arc.Unremovable;
import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * Gives the Kafka client of {@code records-completed} back its own retries, which the channel's
 * {@code retries=0} takes away from the connector.
 *
 * <p>The connector and its Kafka client read one {@code retries} attribute. The connector uses it
 * to send a failed message again by itself, a second or more later, while the messages after it go
 * on: a failed event would reach the topic after later ones of its lane. So the connector's retries
 * are off, and the relay alone publishes again, from the failed row on ({@link OutboxRelay}). The
 * Kafka client's retries are another thing: it retries a request in the order of the partition's
 * batches (the producer is idempotent), so they stay as Kafka sets them by default, bounded by the
 * channel's {@code delivery.timeout.ms}. An idempotent client refuses {@code retries=0} anyway.
 */
@ApplicationScoped
@Unremovable
public class RelayProducerRetries implements ClientCustomizer<Map<String, Object>> {
  static final String CHANNEL = "records-completed";

  @Override
  public Map<String, Object> customize(
      String channel, Config channelConfig, Map<String, Object> config) {
    if (CHANNEL.equals(channel)) {
      config.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
    }
    return config;
  }
}
