package io.flightdeck.record.archfixture;

import io.flightdeck.postflight.archfixture.StoredRow;

/** Fixture breaking a rule: record-contract importing a service's class. */
public record ContractKnowingAService(StoredRow row) {}
