package io.flightdeck.record.v2010;

import io.flightdeck.record.RecordPage;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes a store's list page as {@link PublicLines} when the caller asks for {@value
 * PublicLines#MEDIA_TYPE}: the internal list resources of inflight-service and postflight-service
 * produce it beside JSON, from the same {@link RecordPage}.
 */
@Provider
@Produces(PublicLines.MEDIA_TYPE)
public class PublicLinesWriter implements MessageBodyWriter<RecordPage<?>> {
  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return RecordPage.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(
      RecordPage<?> page,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    PublicLines.write(page.records(), out);
  }
}
