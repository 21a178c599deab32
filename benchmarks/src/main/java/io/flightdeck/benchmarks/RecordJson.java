package io.flightdeck.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flightdeck.record.CallRecord;

/**
 * A call record as inflight-service stores it in {@code live_record.record}: Jackson with Quarkus's
 * defaults (ISO-8601 instants), so the raw phase writes rows of the service's size.
 */
final class RecordJson {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private RecordJson() {}

  static String write(CallRecord record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a call record always serializes", e);
    }
  }
}
