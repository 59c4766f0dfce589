package io.spillover.attest.keyservice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain sockets to the key service that send exactly the bytes a test gives them, e.g. half a
 * request, and then keep still. Closed together at the end of the test.
 */
final class RawClient implements AutoCloseable {
  /** Request line and some headers; the blank line that ends them never comes. */
  static final String HALF_HEADERS = "POST /v1/nonce HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  /** Complete headers declaring a body of which only the first bytes come. */
  static final String DECLARED_BODY = "POST /v1/functions/compose/attest HTTP/1.1\r\n"
      + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
      + "{\"nonce\":";

  private final List<Socket> sockets = new ArrayList<>();

  /** Connects to {@code service} and sends {@code bytes}. */
  Socket send(URI service, String bytes) throws IOException {
    Socket socket = new Socket("127.0.0.1", service.getPort());
    sockets.add(socket);
    socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  /**
   * Everything the server sends until it closes the connection; fails when it keeps the
   * connection open, silent, for {@code patience}.
   */
  static String readUntilClosed(Socket socket, Duration patience) throws IOException {
    socket.setSoTimeout((int) patience.toMillis());
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        got.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a stalled connection open for " + patience
          + "; it sent: " + got.toString(StandardCharsets.ISO_8859_1), e);
    } catch (IOException e) {
      // a reset after the server gave up on the connection counts as closed
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  /** The status line of the first response on {@code socket}, read within {@code patience}. */
  static String statusLine(Socket socket, Duration patience) throws IOException {
    socket.setSoTimeout((int) patience.toMillis());
    StringBuilder line = new StringBuilder();
    InputStream in = socket.getInputStream();
    for (int c; (c = in.read()) >= 0 && c != '\r'; ) {
      line.append((char) c);
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
