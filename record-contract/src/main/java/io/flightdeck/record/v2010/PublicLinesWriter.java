package io.flightdeck.record.v2010;

import io.flightdeck.record.RecordPage;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a store's list page as {@link PublicLines} when the caller asks for {@value
 * PublicLines#MEDIA_TYPE}: the internal list resources of inflight-service and postflight-service
 * produce it beside JSON, from the same {@link RecordPage}.
 */
@Provider
@Produces(PublicLines.MEDIA_TYPE)
public class PublicLinesWriter extends TypedBodyWriter<RecordPage<?>> {
  public PublicLinesWriter() {
    super(RecordPage.class);
  }

  @Override
  protected void write(RecordPage<?> page, OutputStream out) throws IOException {
    PublicLines.write(page.records(), out);
  }
}
