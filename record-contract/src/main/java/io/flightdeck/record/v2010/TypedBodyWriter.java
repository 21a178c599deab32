package io.flightdeck.record.v2010;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * A {@link MessageBodyWriter} of one entity type whose encoding needs nothing of the request but
 * the entity: the services' list pages ({@link PublicLinesWriter}, the aggregator's public page)
 * are written this way. A subclass keeps its own {@code @Provider} and {@code @Produces}.
 *
 * @param <T> the entity written
 */
public abstract class TypedBodyWriter<T> implements MessageBodyWriter<T> {
  private final Class<?> entity;

  /**
   * @param entity the class of the entities written (a raw class where {@code T} is generic)
   */
  protected TypedBodyWriter(Class<?> entity) {
    this.entity = entity;
  }

  /** Writes the whole entity to the response body. */
  protected abstract void write(T value, OutputStream out) throws IOException;

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return entity.isAssignableFrom(type);
  }

  @Override
  public void writeTo(
      T value,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream out)
      throws IOException {
    write(value, out);
  }
}
