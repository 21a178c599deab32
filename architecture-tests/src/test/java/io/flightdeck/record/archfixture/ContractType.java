package io.flightdeck.record.archfixture;

/** Fixture: a record-contract type, which every module may import. */
public record ContractType(String sid) {}
