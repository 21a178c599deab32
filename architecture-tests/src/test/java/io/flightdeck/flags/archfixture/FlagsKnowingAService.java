package io.flightdeck.flags.archfixture;

import io.flightdeck.postflight.archfixture.StoredRow;

/** Fixture breaking a rule: a shared library (account-flags) importing a service's class. */
public record FlagsKnowingAService(StoredRow row) {}
