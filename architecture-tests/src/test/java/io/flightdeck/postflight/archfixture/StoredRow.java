package io.flightdeck.postflight.archfixture;

/** Fixture: a type of one service, which other modules must not import. */
public record StoredRow(String sid) {}
