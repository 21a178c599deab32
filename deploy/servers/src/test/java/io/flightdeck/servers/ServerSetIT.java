package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole set on real processes: two MariaDB servers, Kafka, PostgreSQL and Unleash, started once
 * for the class.
 */
class ServerSetIT {

  private static ServerSet servers;

  @BeforeAll
  static void startFromEmptyState() {
    servers =
        ServerSet.builder(Path.of("target/servers-it"))
            .mariaDb("alpha", "beta")
            .kafka()
            .unleash()
            .build();
    servers.wipe();
    long begin = System.nanoTime();
    servers.start();
    System.out.printf(
        "[timing] cold start of %s: %.1f s%n",
        servers.servers().stream().map(Server::name).toList(), (System.nanoTime() - begin) / 1e9);
  }

  @AfterAll
  static void stopLeavesNoProcess() {
    servers.start(); // whatever a test left stopped
    Set<ProcessHandle> processes = new HashSet<>();
    servers
        .status()
        .forEach(
            status ->
                status
                    .pid()
                    .ifPresent(
                        pid ->
                            ProcessHandle.of(pid)
                                .ifPresent(
                                    handle -> {
                                      processes.add(handle);
                                      handle.descendants().forEach(processes::add);
                                    })));
    assertThat(processes).hasSizeGreaterThanOrEqualTo(servers.servers().size());
    servers.stop();
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(servers.status()).noneMatch(ServerStatus::running);
  }

  @Test
  void everyMariaDbServerAnswersQueriesAsTheApplicationUser() {
    for (String store : List.of("alpha", "beta")) {
      MariaDbServer server = servers.mariaDb(store);
      server.createDatabase("it_" + store);
      server.createDatabase("it_" + store); // idempotent
      assertThat(
              server.sql(
                  "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'it_"
                      + store
                      + "'"))
          .isEqualTo("1\n");
      assertThat(
              server.sql("SELECT @@binlog_format, @@time_zone, @@character_set_server, @@have_ssl"))
          .isEqualTo("ROW\t+00:00\tutf8mb4\tDISABLED\n");
      // Every privilege but READ_ONLY ADMIN, so read_only (a pivot's write block) stops its writes;
      // the local-only operations user has them all.
      assertThat(server.sql("SHOW GRANTS FOR 'flightdeck'@'%'"))
          .contains("SUPER", "REPLICATION SLAVE ADMIN", "ON *.* TO `flightdeck`@`%`")
          .doesNotContain("ALL PRIVILEGES", "READ_ONLY ADMIN");
      assertThat(server.sql("SHOW GRANTS FOR 'flightdeck_admin'@'%'"))
          .contains("GRANT ALL PRIVILEGES ON *.*");
    }
    assertThat(servers.mariaDb("alpha").sql("SELECT @@server_id"))
        .isNotEqualTo(servers.mariaDb("beta").sql("SELECT @@server_id"));
    MariaDbEndpoint alpha = servers.endpoints().mariaDb("alpha");
    assertThat(alpha.jdbcUrl("x")).isEqualTo("jdbc:mariadb://127.0.0.1:" + alpha.port() + "/x");
    assertThat(alpha.reactiveUrl("x")).isEqualTo("mysql://127.0.0.1:" + alpha.port() + "/x");
  }

  @Test
  void kafkaDeliversARecordToAConsumer() {
    String bootstrap = servers.endpoints().kafkaBootstrapServers();
    String topic = "it-" + UUID.randomUUID();
    Properties producerConfig = new Properties();
    producerConfig.put("bootstrap.servers", bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "AC1", "hello")).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Properties consumerConfig = new Properties();
    consumerConfig.put("bootstrap.servers", bootstrap);
    consumerConfig.put("group.id", "it");
    consumerConfig.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> seen = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          seen.add(record.key() + "=" + record.value());
        }
      }
      assertThat(seen).containsExactly("AC1=hello");
      assertThat(consumer.partitionsFor(topic)).hasSize(3);
    }
  }

  @Test
  void unleashServesClientsAndHasTheAccountSidContext() throws Exception {
    UnleashEndpoint unleash = servers.endpoints().unleash();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> features =
        http.send(
            HttpRequest.newBuilder(URI.create(unleash.apiUrl() + "client/features"))
                .header("Authorization", unleash.clientToken())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(features.statusCode()).isEqualTo(200);
    HttpResponse<String> context =
        http.send(
            HttpRequest.newBuilder(URI.create(unleash.url() + "/api/admin/context/accountSid"))
                .header("Authorization", unleash.adminToken())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(context.statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondStartReusesTheRunningProcesses() {
    Map<String, Long> before = pids();
    long begin = System.nanoTime();
    servers.start();
    System.out.printf(
        "[timing] start of an already running set: %.2f s%n", (System.nanoTime() - begin) / 1e9);
    assertThat(pids()).isEqualTo(before);
    ServerSet sameFolder =
        ServerSet.builder(Path.of("target/servers-it"))
            .mariaDb("alpha", "beta")
            .kafka()
            .unleash()
            .build();
    sameFolder.start();
    assertThat(pids()).isEqualTo(before);
  }

  @Test
  void dataSurvivesStopAndStartOnTheSamePort() {
    MariaDbServer beta = servers.mariaDb("beta");
    beta.sql(
        "CREATE DATABASE IF NOT EXISTS survive; CREATE TABLE IF NOT EXISTS survive.t (id INT PRIMARY KEY);"
            + " REPLACE INTO survive.t VALUES (42)");
    int port = beta.endpoint().port();
    long pid = beta.status().pid().orElseThrow();
    servers.stop("mariadb-beta");
    assertThat(beta.status().running()).isFalse();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    long begin = System.nanoTime();
    servers.start("mariadb-beta");
    System.out.printf(
        "[timing] warm restart of one MariaDB server: %.1f s%n", (System.nanoTime() - begin) / 1e9);
    assertThat(beta.endpoint().port()).isEqualTo(port);
    assertThat(beta.sql("SELECT id FROM survive.t")).isEqualTo("42\n");
  }

  @Test
  void aKilledServerIsStartedAgainByTheNextStart() {
    MariaDbServer alpha = servers.mariaDb("alpha");
    long pid = alpha.status().pid().orElseThrow();
    assertThat(servers.kill("mariadb-alpha")).isTrue();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    servers.start();
    assertThat(alpha.status().pid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(pid));
    assertThat(alpha.sql("SELECT 1")).isEqualTo("1\n");
  }

  @Test
  void theWholeSetRestartsWarmFromItsData() throws Exception {
    servers.mariaDb("alpha").createDatabase("kept");
    Map<String, String> before = servers.endpoints().properties();
    servers.stop();
    assertThat(servers.status()).noneMatch(ServerStatus::running);
    long begin = System.nanoTime();
    servers.start();
    System.out.printf(
        "[timing] warm start of the whole set: %.1f s%n", (System.nanoTime() - begin) / 1e9);
    assertThat(servers.endpoints().properties()).isEqualTo(before);
    assertThat(servers.mariaDb("alpha").sql("SHOW DATABASES LIKE 'kept'")).isEqualTo("kept\n");
    unleashServesClientsAndHasTheAccountSidContext();
  }

  @Test
  void propertiesNameEveryEndpoint() {
    Map<String, String> properties = servers.endpoints().properties();
    assertThat(properties)
        .containsKeys(
            "flightdeck.servers.mariadb.alpha.host",
            "flightdeck.servers.mariadb.alpha.port",
            "flightdeck.servers.mariadb.beta.user",
            "flightdeck.servers.mariadb.beta.password",
            "flightdeck.servers.kafka.bootstrap-servers",
            "flightdeck.servers.unleash.url",
            "flightdeck.servers.unleash.api-url",
            "flightdeck.servers.unleash.admin-token",
            "flightdeck.servers.unleash.client-token",
            "flightdeck.servers.postgres.port");
    servers.status().forEach(status -> System.out.println("[status] " + status.describe()));
  }

  private static Map<String, Long> pids() {
    Map<String, Long> pids = new java.util.TreeMap<>();
    servers.status().forEach(status -> pids.put(status.name(), status.pid().orElse(-1)));
    return pids;
  }
}
