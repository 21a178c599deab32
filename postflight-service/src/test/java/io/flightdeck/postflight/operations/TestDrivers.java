package io.flightdeck.postflight.operations;

import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.control.InstanceId;
import io.flightdeck.postflight.control.Leases;
import io.vertx.mutiny.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Operation drivers as the engine tests build them, without the service: a short drive interval and
 * lease, so that a test sees a driver take over, stop or retry within seconds.
 */
final class TestDrivers {
  private TestDrivers() {}

  /** Drives every 200 ms under a 3 s lease; a waiting step is tried again after {@code retry}. */
  static OperationsConfig config(Duration retry) {
    return new OperationsConfig() {
      public Duration driveInterval() {
        return Duration.ofMillis(200);
      }

      public Duration lease() {
        return Duration.ofSeconds(3);
      }

      public Duration retryDelay() {
        return retry;
      }
    };
  }

  /** The driver of instance {@code name}, for these kinds of operation. */
  static OperationDriver driver(
      Operations operations,
      Leases leases,
      String name,
      Duration retry,
      List<OperationKind> kinds,
      Vertx vertx) {
    return new OperationDriver(
        operations, leases, new InstanceId(name), config(retry), kinds, vertx, Clock.systemUTC());
  }

  /**
   * {@link #driveUntil(OperationDriver, Operations, String, Duration, Duration, Consumer)} every
   * 100 ms for up to 30 s.
   */
  static OperationStatus driveUntil(
      OperationDriver driver, Operations operations, String id, Consumer<OperationStatus> check) {
    return driveUntil(
        driver, operations, id, Duration.ofSeconds(30), Duration.ofMillis(100), check);
  }

  /**
   * Drives the operation (as the driver's timer would) {@code every} so often until its status
   * passes the check, for up to {@code within}; returns that status.
   */
  static OperationStatus driveUntil(
      OperationDriver driver,
      Operations operations,
      String id,
      Duration within,
      Duration every,
      Consumer<OperationStatus> check) {
    AtomicReference<OperationStatus> last = new AtomicReference<>();
    await()
        .atMost(within)
        .pollInterval(every)
        .untilAsserted(
            () -> {
              driver.drive(id).await().atMost(within);
              last.set(operations.status(id).await().atMost(within).orElseThrow());
              check.accept(last.get());
            });
    return last.get();
  }
}
