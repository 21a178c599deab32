package io.flightdeck.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.servers.UnleashEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.getunleash.Unleash;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flags against a real Unleash server: provisioning, flips made through its admin API, and
 * outages.
 */
class UnleashFlagsIT {
  private static UnleashEndpoint unleash;
  private static UnleashAdmin admin;
  private final List<Unleash> clients = new ArrayList<>();

  @BeforeAll
  static void provision() throws Exception {
    unleash = TestServers.unleash().unleash();
    admin = new UnleashAdmin(unleash.apiUrl(), unleash.adminToken(), "development");
    admin.provision();
    admin.switchEnvironment(Flags.READ_PATH, true); // whatever an earlier run on this folder left
  }

  @AfterEach
  void shutDownClients() {
    clients.forEach(Unleash::shutdown);
  }

  private static String newAccount() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "AC" + HexFormat.of().formatHex(bytes);
  }

  private AccountFlags connect(Path backupFile) {
    FlagFreshness freshness = new FlagFreshness(Clock.systemUTC(), Duration.ofSeconds(10));
    Unleash client =
        FlagsClient.connect(
            unleash.apiUrl(),
            Optional.of(unleash.clientToken()),
            "account-flags-it",
            Duration.ofSeconds(1),
            backupFile.toString(),
            freshness);
    clients.add(client);
    return new AccountFlags(Optional.of(client), freshness, Map.of());
  }

  private static Path backupFile(String name) throws Exception {
    Path file = Path.of("target", "unleash-backups", name + ".json").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    return file;
  }

  @Test
  void provisioningIsIdempotentAndShowsOneStrategyPerVariant() throws Exception {
    assertThat(admin.provision()).isEmpty();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(unleash.url() + "/api/admin/projects/default/features/read-path"))
            .header("Authorization", unleash.adminToken())
            .build();
    JsonNode flag =
        new ObjectMapper()
            .readTree(
                HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString())
                    .body());
    List<String> titles = new ArrayList<>();
    for (JsonNode environment : flag.path("environments")) {
      if (environment.path("name").asText().equals("development")) {
        assertThat(environment.path("enabled").asBoolean()).isTrue();
        environment.path("strategies").forEach(s -> titles.add(s.path("title").asText()));
      }
    }
    assertThat(titles)
        .containsExactlyInAnyOrder("legacy", "shadow-split", "split-shadow-legacy", "split");
  }

  @Test
  void aVariantSetInUnleashReachesThatAccountAndNoOther() throws Exception {
    AccountFlags flags = connect(backupFile("flip"));
    String a = newAccount();
    String b = newAccount();
    assertThat(flags.variant(Flags.READ_PATH, a).await().atMost(Duration.ofSeconds(15)))
        .isEqualTo(ReadPath.SPLIT);
    assertThat(flags.freshness().stale()).isFalse();

    admin.assign(Flags.READ_PATH, ReadPath.SHADOW_SPLIT, a);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> flags.variantNow(Flags.READ_PATH, a) == ReadPath.SHADOW_SPLIT);
    assertThat(flags.variantNow(Flags.READ_PATH, b)).isEqualTo(ReadPath.SPLIT);

    admin.assign(Flags.READ_PATH, ReadPath.LEGACY, a);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> flags.variantNow(Flags.READ_PATH, a) == ReadPath.LEGACY);
    assertThat(flags.variantNow(Flags.READ_PATH, b)).isEqualTo(ReadPath.SPLIT);
  }

  @Test
  void theWritePathIsProvisionedAndFlippedPerAccountLikeTheReadPath() throws Exception {
    admin.switchEnvironment(Flags.WRITE_PATH, true);
    AccountFlags flags = connect(backupFile("write-path"));
    String a = newAccount();
    String b = newAccount();
    assertThat(flags.variant(Flags.WRITE_PATH, a).await().atMost(Duration.ofSeconds(15)))
        .isEqualTo(WritePath.SPLIT);

    admin.assign(Flags.WRITE_PATH, WritePath.LEGACY, a);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> flags.variantNow(Flags.WRITE_PATH, a) == WritePath.LEGACY);
    admin.assign(Flags.WRITE_PATH, WritePath.DUAL, a);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> flags.variantNow(Flags.WRITE_PATH, a) == WritePath.DUAL);
    assertThat(flags.variantNow(Flags.WRITE_PATH, b)).isEqualTo(WritePath.SPLIT);
    assertThat(flags.variantNow(Flags.READ_PATH, a)).isEqualTo(ReadPath.SPLIT);
  }

  @Test
  void theAdminApiSaysWhichVariantAnAccountIsOnAndWhichAccountsAVariantHolds() throws Exception {
    admin.switchEnvironment(Flags.WRITE_PATH, true);
    FlagAssignments assignments = new FlagAssignments(admin);
    String a = newAccount();
    String b = newAccount();
    assertThat(assignments.variantOf(Flags.WRITE_PATH, a)).isEqualTo("split");

    admin.assign(Flags.WRITE_PATH, WritePath.LEGACY, a);
    admin.assign(Flags.WRITE_PATH, WritePath.LEGACY, b);
    admin.assign(Flags.WRITE_PATH, WritePath.DUAL, b);
    assertThat(assignments.variantOf(Flags.WRITE_PATH, a)).isEqualTo("legacy");
    assertThat(assignments.variantOf(Flags.WRITE_PATH, b)).isEqualTo("dual");
    assertThat(assignments.accountsOn(Flags.WRITE_PATH, WritePath.LEGACY))
        .contains(a)
        .doesNotContain(b, UnleashAdmin.NO_ACCOUNT);
    try {
      admin.switchEnvironment(Flags.WRITE_PATH, false);
      assertThat(assignments.variantOf(Flags.WRITE_PATH, a))
          .as("the kill switch puts every account on the default")
          .isEqualTo("split");
    } finally {
      admin.switchEnvironment(Flags.WRITE_PATH, true);
    }
  }

  /**
   * An operation moves an account between variants while the services keep fetching: whenever
   * Unleash is read during a move, the account is on its old variant or its new one, never on the
   * default (an account on {@code legacy} answered by {@code split} for a second loses its live
   * records' writes).
   */
  @Test
  void anAccountBeingMovedIsOnItsOldVariantOrItsNewOneAndNeverOnTheDefault() throws Exception {
    admin.switchEnvironment(Flags.WRITE_PATH, true);
    FlagAssignments assignments = new FlagAssignments(admin);
    String a = newAccount();
    admin.assign(Flags.WRITE_PATH, WritePath.LEGACY, a);
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean moving = new AtomicBoolean(true);
    Thread reader =
        new Thread(
            () -> {
              while (moving.get()) {
                try {
                  seen.add(assignments.variantOf(Flags.WRITE_PATH, a));
                } catch (IOException e) {
                  seen.add(e.toString());
                }
              }
            });
    reader.start();
    try {
      for (int i = 0; i < 10; i++) {
        admin.assign(Flags.WRITE_PATH, WritePath.DUAL, a);
        admin.assign(Flags.WRITE_PATH, WritePath.LEGACY, a);
      }
    } finally {
      moving.set(false);
      reader.join();
    }
    assertThat(seen).hasSizeGreaterThan(20).containsOnly("legacy", "dual");
  }

  @Test
  void withUnleashDownTheLastKnownFlagsHoldInTheRunningClientAndFromTheBackupInANewOne()
      throws Exception {
    Path backup = backupFile("outage");
    AccountFlags running = connect(backup);
    String a = newAccount();
    admin.assign(Flags.READ_PATH, ReadPath.LEGACY, a);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> running.variantNow(Flags.READ_PATH, a) == ReadPath.LEGACY);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(backup) && Files.readString(backup).contains(a));

    TestServers.servers().stop("unleash");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> running.freshness().stale());
      assertThat(running.variantNow(Flags.READ_PATH, a)).isEqualTo(ReadPath.LEGACY);

      AccountFlags restarted = connect(backup);
      assertThat(restarted.variant(Flags.READ_PATH, a).await().atMost(Duration.ofSeconds(10)))
          .isEqualTo(ReadPath.LEGACY);
      assertThat(restarted.freshness().source()).isEqualTo(FlagFreshness.Source.BACKUP);
      assertThat(restarted.freshness().stale()).isTrue();
    } finally {
      TestServers.unleash();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> !running.freshness().stale());
  }
}
