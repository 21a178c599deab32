package io.flightdeck.inflight;

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
 * The real servers this module's integration tests run against: two in-flight nodes, the control
 * MariaDB and Kafka.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ServersAvailable.class)
@WithTestResource(
    value = ServersTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = {
      @ResourceArg(name = "mariadb", value = "inflight-0,inflight-1,control,legacy"),
      @ResourceArg(name = "kafka", value = "true")
    })
public @interface WithRealServers {}
