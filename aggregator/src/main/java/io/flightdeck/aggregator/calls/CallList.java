package io.flightdeck.aggregator.calls;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.flightdeck.aggregator.paging.Envelope;
import java.util.List;

/** A page of calls: {@code calls} beside the v2010 paging envelope. */
public record CallList(List<PublicCall> calls, @JsonUnwrapped Envelope envelope) {}
