package io.flightdeck.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.servers.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's OpenAPI document stays as it is published: the one its build stores ({@code
 * quarkus.smallrye-openapi.store-schema-directory}, {@code target/openapi/openapi.json}) is, byte
 * for byte, the one checked in beside its code ({@code src/main/openapi/openapi.json}). A change to
 * a resource that moves the document (a path, a parameter, a schema, a description) fails here, so
 * a refactoring cannot alter the API unseen, and an intended change shows in the diff of the
 * checked-in document.
 *
 * <p>The reactor builds the services before this module; run alone, this module needs their
 * packages first ({@code ./mvnw package -DskipTests -pl <service>}).
 */
class OpenApiDocumentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"inflight-service", "postflight-service", "aggregator"})
  void theBuiltDocumentIsTheCheckedInOne(String service) throws IOException {
    Path module = ProjectRoot.locate().resolve(service);
    Path built = module.resolve("target/openapi/openapi.json");
    Path published = module.resolve("src/main/openapi/openapi.json");
    assertThat(built)
        .as("%s's OpenAPI document as its build stored it; package %s first", service, service)
        .exists();
    assertThat(Files.readString(built))
        .as(
            "%s's OpenAPI document changed. If the change is intended, copy %s over %s and commit"
                + " it with the change",
            service, module.relativize(built), module.relativize(published))
        .isEqualTo(Files.readString(published));
  }
}
