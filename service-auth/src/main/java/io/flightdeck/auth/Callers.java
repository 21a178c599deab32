package io.flightdeck.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a REST resource: a request must carry {@code Authorization: Bearer <token>} with the
 * token of one of these roles ({@link BearerAuthentication}). On a method it replaces the class's.
 * A resource of a service with this library that has neither this nor {@link PublicApi} is for
 * operators only: a new endpoint is closed until it says who it is for.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Callers {
  Role[] value();
}
