package io.flightdeck.postflight.store;

import java.time.Instant;

/**
 * Where a list page ended: the (date created, Sid) of its last record. The next page holds the
 * records strictly after it in the list order, newest first, so records that land meanwhile never
 * shift a page.
 */
public record ListPosition(Instant dateCreated, String sid) {}
