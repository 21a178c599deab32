package io.flightdeck.aggregator.archfixture.first;

import io.flightdeck.aggregator.archfixture.second.Second;

/** Fixture breaking a rule: half of a cycle between two packages of one module. */
public record First(Second second) {}
