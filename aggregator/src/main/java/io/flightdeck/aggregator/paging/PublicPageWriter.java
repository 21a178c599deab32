package io.flightdeck.aggregator.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Writes a public list page ({@link PublicPage}: up to 1000 records, about a megabyte) in one
 * write, encoded by the application's Jackson mapper. Jackson writing straight to the response
 * flushed every 8 KB to the socket, a write and a syscall each, which was most of what the
 * aggregator spent on a page once the records were no longer decoded.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class PublicPageWriter implements MessageBodyWriter<PublicPage> {
  private final ObjectMapper json;

  public PublicPageWriter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return PublicPage.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(
      PublicPage page,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    out.write(json.writeValueAsBytes(page));
  }
}
