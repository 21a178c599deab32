package io.flightdeck.aggregator;

import io.flightdeck.servers.testing.ServersAvailable;
import io.flightdeck.servers.testing.ServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real servers this module's integration tests run against: the control MariaDB holding the
 * accounts, the legacy combined store's MariaDB, and Unleash (the per-account flags). The stores'
 * services are not started (see {@code %test.} in application.properties): a request that gets past
 * authentication and validation to them answers 503.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ServersAvailable.class)
@WithTestResource(
    value = ServersTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = {
      @ResourceArg(name = "mariadb", value = "control,legacy"),
      @ResourceArg(name = "unleash", value = "true")
    })
public @interface WithControlStore {}
