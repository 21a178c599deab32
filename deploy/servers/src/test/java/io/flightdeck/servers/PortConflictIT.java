package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortConflictIT {

    @Test
    void aTakenPortFailsClearlyAndLeavesNothingRunning() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();
            ServerSet servers = ServerSet.builder(Path.of("target/servers-port-it"))
                    .mariaDb("fine", "blocked").port("mariadb-blocked", taken).build();
            servers.wipe();

            ServerStartException failure = catchThrowableOfType(ServerStartException.class, servers::start);

            assertThat(failure.server()).isEqualTo("mariadb-blocked");
            assertThat(failure.getMessage()).contains("mariadb-blocked", "port " + taken, "already in use",
                    failure.logFile().toString());
            assertThat(servers.status()).noneMatch(ServerStatus::running);
            assertThat(servers.mariaDb("fine").files().pidFile()).doesNotExist();
        }
    }
}
