package io.flightdeck.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The error body of every Flightdeck API, public and internal: Twilio's shape ({@code code}, {@code
 * message}, {@code more_info}, {@code status}), so Twilio's helper libraries read it as they read
 * Twilio's own. {@code status} repeats the HTTP status, as Twilio does.
 */
public record ApiError(
    int code, String message, @JsonProperty("more_info") String moreInfo, int status) {

  public static ApiError of(ErrorCode code, String message) {
    return new ApiError(code.code(), message, code.moreInfo(), code.httpStatus());
  }
}
