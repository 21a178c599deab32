package io.flightdeck.copies;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A send to Kafka that is done only when the broker has the message. */
public final class Acknowledged {
  private Acknowledged() {}

  /**
   * Sends {@code message} through {@code channel} and completes once the broker has acknowledged
   * it; retries until then, backing off from 200 ms to 5 s. A broker that is away holds the caller
   * back (a consumer's offset is not committed, a confirmation is not yet given) instead of losing
   * the message.
   */
  public static <T> Uni<Void> send(MutinyEmitter<T> channel, Message<T> message) {
    return channel
        .sendMessage(message)
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .indefinitely();
  }
}
