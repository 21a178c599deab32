package io.flightdeck.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsEndpointsTest {

  @Test
  void metricsOpenApiAndSwaggerUiAreOperationsPathsHealthIsNot() {
    assertThat(OperationsEndpoints.isOperationsPath("/q/metrics")).isTrue();
    assertThat(OperationsEndpoints.isOperationsPath("/q/openapi")).isTrue();
    assertThat(OperationsEndpoints.isOperationsPath("/q/openapi.json")).isTrue();
    assertThat(OperationsEndpoints.isOperationsPath("/q/swagger-ui/")).isTrue();
    assertThat(OperationsEndpoints.isOperationsPath("/q/swagger-ui/index.html")).isTrue();
    assertThat(OperationsEndpoints.isOperationsPath("/q/health/ready")).isFalse();
    assertThat(OperationsEndpoints.isOperationsPath("/q/metricsx")).isFalse();
    assertThat(OperationsEndpoints.isOperationsPath("/internal/v1/Accounts")).isFalse();
  }
}
