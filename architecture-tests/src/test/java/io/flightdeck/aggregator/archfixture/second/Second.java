package io.flightdeck.aggregator.archfixture.second;

import io.flightdeck.aggregator.archfixture.first.First;

/** Fixture breaking a rule: the other half of the cycle. */
public record Second(First first) {}
