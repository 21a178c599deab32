package io.flightdeck.record;

import java.util.List;

/** A page of an account's messages from one store, in the order and shape of {@link CallPage}. */
public record MessagePage(List<MessageRecord> records) {}
