package io.flightdeck.postflight.routing;

import java.time.Instant;

/**
 * One version of the read or the write map, as stored in the control database. Versions of a kind
 * count up from 1 without gaps; the highest is the map in force. A stored version never changes.
 */
public record MapVersion(MapKind kind, long version, Instant createdAt, ShardMap map) {}
