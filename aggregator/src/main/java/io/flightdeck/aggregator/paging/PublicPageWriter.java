package io.flightdeck.aggregator.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.v2010.TypedBodyWriter;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a public list page ({@link PublicPage}: up to 1000 records, about a megabyte) in one
 * write, encoded by the application's Jackson mapper. Jackson writing straight to the response
 * flushed every 8 KB to the socket, a write and a syscall each, which was most of what the
 * aggregator spent on a page once the records were no longer decoded.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class PublicPageWriter extends TypedBodyWriter<PublicPage> {
  private final ObjectMapper json;

  public PublicPageWriter(ObjectMapper json) {
    super(PublicPage.class);
    this.json = json;
  }

  @Override
  protected void write(PublicPage page, OutputStream out) throws IOException {
    out.write(json.writeValueAsBytes(page));
  }
}
