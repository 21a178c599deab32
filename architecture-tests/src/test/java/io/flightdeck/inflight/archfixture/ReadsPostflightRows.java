package io.flightdeck.inflight.archfixture;

import io.flightdeck.postflight.archfixture.StoredRow;

/** Fixture breaking a rule: one service importing another's class. */
public record ReadsPostflightRows(StoredRow row) {}
