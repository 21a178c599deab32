package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Failed starts explain themselves and undo everything the call started. */
class StartFailureIT {

  @Test
  void aTakenPortFailsClearlyAndLeavesNothingRunning() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int taken = squatter.getLocalPort();
      ServerSet servers =
          ServerSet.builder(Path.of("target/servers-failure-it"))
              .mariaDb("fine", "blocked")
              .port("mariadb-blocked", taken)
              .build();
      servers.wipe();

      ServerStartException failure =
          catchThrowableOfType(ServerStartException.class, servers::start);

      System.out.println("[message] " + failure.getMessage());
      assertThat(failure.server()).isEqualTo("mariadb-blocked");
      assertThat(failure.getMessage())
          .contains(
              "mariadb-blocked", "port " + taken, "already in use", failure.logFile().toString());
      assertThat(servers.status()).noneMatch(ServerStatus::running);
      assertThat(servers.mariaDb("fine").files().pidFile()).doesNotExist();
    }
  }

  @Test
  void aServerThatExitsIsReportedWithItsExitCodeAndLog() throws Exception {
    ServerSet servers =
        ServerSet.builder(Path.of("target/servers-failure-it")).mariaDb("broken").build();
    servers.wipe();
    ServerFiles files = servers.mariaDb("broken").files();
    // Claims an initialised data dir that holds nothing: mariadbd finds no system tables and exits.
    Files.createDirectories(files.data());
    Files.writeString(files.dir().resolve("data.initialised"), "");

    ServerStartException failure = catchThrowableOfType(ServerStartException.class, servers::start);

    System.out.println("[message] " + failure.getMessage());
    assertThat(failure.getMessage())
        .containsPattern("mariadb-broken did not start: process exited with code [1-9]")
        .contains(files.log().toString(), "last lines:");
    assertThat(servers.status()).noneMatch(ServerStatus::running);
  }
}
