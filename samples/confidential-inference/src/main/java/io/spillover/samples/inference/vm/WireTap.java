package io.spillover.samples.inference.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * A tap on the wire between the VM side and the function platform: an OkHttp network interceptor
 * on the providers' client, so it reads each HTTP request and reply exactly as it goes over the
 * connection (headers and body, after the provider wrapped the envelope for the platform's API).
 * It counts the bytes of every plaintext canary it finds: tokens {@value #PREFIX}... that the
 * scenario puts into request and reply values (patient ids, reply tickets). A value that
 * travels inside ciphertext cannot show: base64 has no {@code -}, so a canary seen here is a value
 * in the clear. Bodies above {@value #MAX_SCANNED} bytes are scanned up to that size.
 */
public final class WireTap implements Interceptor {
  /** Every canary starts with this; the scenario's values carry it. */
  public static final String PREFIX = "PHI-CANARY-";
  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final long MAX_SCANNED = 8 << 20;

  private final AtomicLong exchanges = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong plaintextBytes = new AtomicLong();
  private final AtomicLong canaries = new AtomicLong();

  /** What the tap saw so far. */
  public record Seen(long exchanges, long bytes, long canaries, long plaintextBytes) {}

  public Seen seen() {
    return new Seen(exchanges.get(), bytes.get(), canaries.get(), plaintextBytes.get());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Buffer out = new Buffer();
    out.writeUtf8(request.headers().toString());
    if (request.body() != null) {
      request.body().writeTo(out);
    }
    scan(out.readByteArray());
    Response response = chain.proceed(request);
    Buffer in = new Buffer();
    in.writeUtf8(response.headers().toString());
    in.write(response.peekBody(MAX_SCANNED).bytes());
    scan(in.readByteArray());
    exchanges.incrementAndGet();
    return response;
  }

  private void scan(byte[] wire) {
    bytes.addAndGet(wire.length);
    int i = indexOf(wire, 0);
    while (i >= 0) {
      int end = i + PREFIX_BYTES.length;
      while (end < wire.length && isTokenByte(wire[end])) {
        end++;
      }
      canaries.incrementAndGet();
      plaintextBytes.addAndGet(end - i);
      i = indexOf(wire, end);
    }
  }

  private static boolean isTokenByte(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '-';
  }

  private static int indexOf(byte[] hay, int from) {
    outer:
    for (int i = from; i <= hay.length - PREFIX_BYTES.length; i++) {
      for (int j = 0; j < PREFIX_BYTES.length; j++) {
        if (hay[i + j] != PREFIX_BYTES[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
