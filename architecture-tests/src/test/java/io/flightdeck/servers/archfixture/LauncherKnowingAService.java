package io.flightdeck.servers.archfixture;

import io.flightdeck.postflight.archfixture.StoredRow;

/** Fixture breaking a rule: the launcher importing a service's class. */
public record LauncherKnowingAService(StoredRow row) {}
