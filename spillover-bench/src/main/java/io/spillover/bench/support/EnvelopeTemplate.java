package io.spillover.bench.support;

import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request envelope encoded once, whose request id and deadline are patched in place for each
 * send. The raw-HTTP baseline uses it: the function host does the same work as for a spilled call
 * (a fresh id, so no replay-cache hit; a near deadline, so the cache stays small) while the client
 * spends next to nothing on encoding.
 */
public final class EnvelopeTemplate {
  private static final String ID_PLACEHOLDER = "00000000-0000-4000-8000-000000000000";
  private static final long DEADLINE_PLACEHOLDER = 9_999_999_999_999L; // 13 digits, as now
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final byte[] template;
  private final int idOffset;
  private final int deadlineOffset;
  private final AtomicLong sequence = new AtomicLong();

  public EnvelopeTemplate(String service, byte[] jsonBody) {
    template = EnvelopeFormat.encodeRequest(new RequestEnvelope(ID_PLACEHOLDER, service,
        DEADLINE_PLACEHOLDER, null, false, jsonBody, null, null), true);
    String text = new String(template, StandardCharsets.ISO_8859_1);
    idOffset = text.indexOf(ID_PLACEHOLDER);
    deadlineOffset = text.indexOf(Long.toString(DEADLINE_PLACEHOLDER));
    if (idOffset < 0 || deadlineOffset < 0) {
      throw new IllegalStateException("envelope layout changed: placeholders not found");
    }
  }

  /** The envelope with a fresh id and the given deadline (13-digit epoch milliseconds). */
  public byte[] next(long deadlineEpochMillis) {
    if (deadlineEpochMillis < 1_000_000_000_000L || deadlineEpochMillis > DEADLINE_PLACEHOLDER) {
      throw new IllegalArgumentException("deadline must have 13 digits: " + deadlineEpochMillis);
    }
    byte[] out = template.clone();
    long n = sequence.incrementAndGet();
    for (int i = ID_PLACEHOLDER.length() - 1; i >= ID_PLACEHOLDER.length() - 12; i--) {
      out[idOffset + i] = HEX[(int) (n & 0xf)];
      n >>>= 4;
    }
    long d = deadlineEpochMillis;
    for (int i = 12; i >= 0; i--) {
      out[deadlineOffset + i] = (byte) ('0' + d % 10);
      d /= 10;
    }
    return out;
  }
}
