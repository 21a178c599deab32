package io.flightdeck.postflight.operations.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A migration's parameters as stored with the operation: its accounts, in order. */
record MigrationRequest(List<String> accounts) {
  private static final ObjectMapper JSON = new ObjectMapper();

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static MigrationRequest fromJson(String json) {
    try {
      return JSON.readValue(json, MigrationRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable migration parameters: " + json, e);
    }
  }
}
