package io.flightdeck.aggregator.messages;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.flightdeck.aggregator.paging.Envelope;
import java.util.List;

/** A page of messages: {@code messages} beside the v2010 paging envelope. */
public record MessageList(List<PublicMessage> messages, @JsonUnwrapped Envelope envelope) {}
