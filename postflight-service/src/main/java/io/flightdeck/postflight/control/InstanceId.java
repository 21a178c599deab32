package io.flightdeck.postflight.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This instance's name as a lease holder: host, process id and a random part, so that a restarted
 * process is a new holder (it must not inherit what its previous life was in the middle of).
 */
@ApplicationScoped
public class InstanceId {
  private final String value;

  public InstanceId() {
    this(
        host()
            + ":"
            + ProcessHandle.current().pid()
            + ":"
            + UUID.randomUUID().toString().substring(0, 8));
  }

  public InstanceId(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
