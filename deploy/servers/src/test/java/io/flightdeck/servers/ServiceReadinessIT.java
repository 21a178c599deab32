package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * A service counts as started once it is ready, not merely live: what {@code flightdeck up} waits
 * for.
 */
class ServiceReadinessIT {
  private static final Path STATE = Path.of("target/service-readiness-it").toAbsolutePath();

  @Test
  void startReturnsOnlyOnceTheServiceIsReadyNotMerelyLive() throws Exception {
    ServerSet servers =
        ServerSet.builder(STATE.resolve("servers"))
            .quarkusService("slowly-ready", appJar(), Map.of("slowly-ready.after-ms", "4000"))
            .build();
    servers.wipe();
    try {
      servers.start();

      assertThat(status(servers.quarkusService("slowly-ready").url() + "/q/health/ready"))
          .isEqualTo(200);
    } finally {
      servers.stop();
    }
  }

  private static int status(String url) throws IOException, InterruptedException {
    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    return response.statusCode();
  }

  /** {@link SlowlyReadyApp} as a runnable jar, the way {@link QuarkusService} runs a fast-jar. */
  private static Path appJar() throws IOException {
    Path jar = STATE.resolve("slowly-ready.jar");
    Files.createDirectories(STATE);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SlowlyReadyApp.class.getName());
    String entry = SlowlyReadyApp.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream app = SlowlyReadyApp.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      app.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
