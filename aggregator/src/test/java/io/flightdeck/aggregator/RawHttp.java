package io.flightdeck.aggregator;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 client that sends the request line exactly as given (no encoding, no validation), so
 * tests can send what real clients and attackers send: raw {@code <}, bad percent-encoding, very
 * long URIs. One connection per request.
 */
final class RawHttp {
  private RawHttp() {}

  static Answer send(int port, String method, String target, String authorization)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String request =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n"
              + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return Answer.read(socket.getInputStream());
    }
  }

  /** Status code, headers (as one lower-cased text) and body of an answer. */
  record Answer(int status, String headers, String body) {
    static Answer read(InputStream in) throws IOException {
      // ISO-8859-1 keeps one char per byte, so chunk sizes count right; the body is UTF-8 at the
      // end.
      String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = all.indexOf("\r\n\r\n");
      String head = all.substring(0, end);
      String body = all.substring(end + 4);
      String headers = head.toLowerCase(Locale.ROOT);
      if (headers.contains("transfer-encoding: chunked")) {
        body = unchunk(body);
      }
      return new Answer(
          Integer.parseInt(head.split(" ", 3)[1]),
          headers,
          new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
      StringBuilder out = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
        if (size == 0) {
          return out.toString();
        }
        out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }
  }
}
