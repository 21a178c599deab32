package io.flightdeck.billing.archfixture;

import io.flightdeck.record.archfixture.ContractType;

/** Fixture within the rules: a service importing record-contract. */
public record UsesTheContract(ContractType record) {}
