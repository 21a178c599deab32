package io.flightdeck.inflight.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.v2010.PublicCall;
import io.flightdeck.record.v2010.PublicLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The internal list in the public form the aggregator streams through: the same records, in the
 * same order, each as the public API shows it, and each line's place exactly where the next page
 * starts.
 */
@QuarkusTest
@WithRealServers
class PublicLinesIT {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void aPageAskedForAsPublicLinesHoldsTheJsonPagesRecordsInTheirPublicForm() throws Exception {
    String account = Producer.newAccount();
    for (int i = 0; i < 3; i++) {
      Producer.createCall(account);
    }
    RecordPage<CallRecord> page =
        JSON.readValue(
            Producer.given()
                .get(Producer.calls(account))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray(),
            JSON.getTypeFactory().constructParametricType(RecordPage.class, CallRecord.class));
    List<CallRecord> records = page.records();

    Response first =
        Producer.given()
            .accept(PublicLines.MEDIA_TYPE)
            .get(Producer.calls(account) + "?PageSize=2");
    List<PublicLines.Line> lines =
        PublicLines.read(first.then().statusCode(200).extract().asByteArray());

    assertThat(first.contentType()).startsWith(PublicLines.MEDIA_TYPE);
    assertThat(lines).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(lines.get(i).position()).contains(ListPosition.of(records.get(i)));
      assertThat(JSON.readTree(lines.get(i).record().orElseThrow().json()))
          .isEqualTo(JSON.valueToTree(PublicCall.of(records.get(i))));
    }

    ListPosition after = lines.get(1).position().orElseThrow();
    List<PublicLines.Line> rest =
        PublicLines.read(
            Producer.given()
                .accept(PublicLines.MEDIA_TYPE)
                .queryParam(ListPosition.AFTER_DATE_CREATED, after.dateCreated().toString())
                .queryParam(ListPosition.AFTER_SID, after.sid())
                .get(Producer.calls(account))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
    assertThat(rest).extracting(PublicLines.Line::sid).containsExactly(records.get(2).sid());
  }
}
