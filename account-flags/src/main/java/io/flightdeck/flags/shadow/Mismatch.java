package io.flightdeck.flags.shadow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A shadow comparison that did not match: both answers as compared (after normalizing), or the
 * candidate's error when it failed or timed out ({@code candidate} is then null).
 *
 * @param outcome {@code mismatch}, {@code candidate-error} or {@code candidate-timeout}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Mismatch(
    Instant at,
    String outcome,
    String flag,
    String accountSid,
    String request,
    String servedPath,
    Object served,
    String candidatePath,
    Object candidate,
    String candidateError) {}
