package io.spillover.attest.keyservice.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.keyservice.KeyServiceConfig;
import java.io.InputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerTest {
  @TempDir Path dir;

  /** Reports the TCP_NODELAY option of the connection the request came on. */
  private static final class NoDelayProbe extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
      SocketChannel channel = (SocketChannel) request.getConnectionMetaData().getConnection()
          .getEndPoint().getTransport();
      String noDelay = channel.getOption(StandardSocketOptions.TCP_NODELAY).toString();
      response.write(true, ByteBuffer.wrap(noDelay.getBytes(StandardCharsets.US_ASCII)), callback);
      return true;
    }
  }

  /**
   * Without TCP_NODELAY a response written in two parts waits for the client's delayed ACK, about
   * 40 ms per request on a keep-alive connection (the JDK server the key service used before
   * leaves it off). Checked on the accepted socket itself, not by timing.
   */
  @Test
  void acceptedConnectionsHaveTcpNoDelay() throws Exception {
    KeyServiceConfig config = KeyServiceConfig.builder().port(0).keyDirectory(dir)
        .masterKeyset(dir.resolve("master.json")).build();
    Server server = Listener.start(config, new NoDelayProbe());
    try (Socket socket = new Socket("127.0.0.1",
        ((NetworkConnector) server.getConnectors()[0]).getLocalPort())) {
      socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\ntrue");
    } finally {
      server.stop();
    }
  }
}
