package io.flightdeck.aggregator.readpath;

import io.flightdeck.flags.ReadPath;

/** An answer and the read path that produced it. */
public record Served<T>(T value, ReadPath path) {}
