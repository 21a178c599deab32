package io.flightdeck.event;

/** The Kafka topics between the services, named in one place. */
public final class Topics {
  /**
   * Completed-record events (CloudEvents 1.0, structured JSON), published by inflight-service's
   * outbox relay. Key: the AccountSid, so one account's events keep their order.
   */
  public static final String RECORDS_COMPLETED = "records.completed";

  /**
   * Confirmations from postflight-service that a record version is stored and visible to readers.
   */
  public static final String RECORDS_PERSISTED = "records.persisted";

  /** Completed-record events postflight-service could not store, with the reason in headers. */
  public static final String RECORDS_COMPLETED_DEAD_LETTER = "records.completed.dead-letter";

  private Topics() {}
}
