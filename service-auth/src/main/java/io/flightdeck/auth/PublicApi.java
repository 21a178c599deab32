package io.flightdeck.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource that is not called with a role's bearer token: the aggregator's public API, whose
 * callers are accounts authenticated by the aggregator itself (HTTP Basic). {@link
 * BearerAuthentication} lets such requests through untouched; whoever puts this on a resource owns
 * its authentication.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicApi {}
