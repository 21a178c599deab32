package io.flightdeck.servers.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.flightdeck.servers.testing.ServerProvider;
import io.flightdeck.servers.testing.ServerRequest;
import io.flightdeck.servers.testing.ServersAvailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

class ContainerServersTest {

  @AfterEach
  void backToTheLauncher() {
    System.clearProperty(ServerProvider.PROPERTY);
  }

  @Test
  void theSwitchChoosesTheContainersAndWithoutItTheLauncherStays() {
    assertThat(ServerProvider.chosen()).isEmpty();

    System.setProperty(ServerProvider.PROPERTY, "testcontainers");
    assertThat(ServerProvider.chosen()).get().isInstanceOf(ContainerServers.class);
  }

  @Test
  void anUnknownProviderIsRefusedNamingTheProperty() {
    System.setProperty(ServerProvider.PROPERTY, "kubernetes");
    assertThatThrownBy(ServerProvider::chosen)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-Dflightdeck.servers=kubernetes");
  }

  @Test
  void withoutADockerEngineARequestIsSkippedSayingWhy() {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine runs here");

    assertThat(new ContainerServers().unavailable()).contains(ContainerServers.NO_DOCKER);
    assertThatThrownBy(() -> new ContainerServers().start(ServerRequest.kafkaBroker()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage(ContainerServers.NO_DOCKER);
  }

  @Test
  void withoutADockerEngineATestClassOnTheseServersIsSkippedBeforeItBoots() {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine runs here");
    System.setProperty(ServerProvider.PROPERTY, "testcontainers");

    ConditionEvaluationResult result = new ServersAvailable().evaluateExecutionCondition(null);
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason()).contains(ContainerServers.NO_DOCKER);
  }

  @Test
  void stoppingAServerIsLeftToTheLauncherAndSkipped() {
    assertThat(new ContainerServers().unsupported("stopping a server"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("stopping a server needs the process launcher");
  }
}
