package io.flightdeck.servers.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource starting real servers through {@link TestServers}, once per test JVM:
 *
 * <pre>
 * &#64;WithTestResource(value = ServersTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
 *         &#64;ResourceArg(name = "mariadb", value = "inflight-0,control"),
 *         &#64;ResourceArg(name = "kafka", value = "true"),
 *         &#64;ResourceArg(name = "unleash", value = "true") })
 * </pre>
 *
 * {@link #start()} returns every endpoint as {@code flightdeck.servers.*} properties (see {@link
 * io.flightdeck.servers.Endpoints}), which the module's {@code application.properties} maps to its
 * own keys. {@link #stop()} does nothing: the servers outlive each Quarkus application of the run
 * and are stopped by {@link TestServers}' shutdown hook.
 */
public class ServersTestResource implements QuarkusTestResourceLifecycleManager {

  private ServerRequest request = ServerRequest.NONE;

  @Override
  public void init(Map<String, String> initArgs) {
    request = ServerRequest.fromArgs(initArgs);
  }

  @Override
  public Map<String, String> start() {
    return TestServers.start(request).properties();
  }

  @Override
  public void stop() {
    // Deliberately nothing: see the class comment.
  }
}
