package io.spillover.attest.keyservice.internal;

import io.spillover.SpilloverClock;
import io.spillover.attest.audit.AuditKind;
import io.spillover.attest.audit.AuditLog;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Audits refused attestations without letting anyone who can reach the service grow the audit
 * log at will: the first refusal of a (source address, function, cause) within a window is
 * recorded in full as {@code KEY_RELEASE_REFUSED}; later ones in that window are only counted,
 * and the count is recorded once as {@code KEY_RELEASE_REFUSED_REPEATED} when the window ends
 * (noticed at the next refusal, by {@link #flushExpired} which the service runs once a window,
 * or at {@link #flushAll} on close). At most {@code maxSources} windows are tracked at once;
 * refusals beyond them share one window under source {@code *}. So a window adds at most
 * 2 × (maxSources + 1) records, however many refusals arrive. Time is the injected clock's.
 */
public final class RefusalLog {
  /** Why an attestation was refused; part of the key refusals are counted under. */
  public enum Cause { NONCE, EVIDENCE, DEBUG, MEASUREMENT, EPHEMERAL_KEY }

  private static final String OVERFLOW = "*";

  private final AuditLog audit;
  private final SpilloverClock clock;
  private final long windowMillis;
  private final int maxSources;
  private final Map<Key, Window> windows = new LinkedHashMap<>(); // oldest window first
  private Window overflow;

  public RefusalLog(AuditLog audit, SpilloverClock clock, long windowMillis, int maxSources) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = clock;
    this.windowMillis = windowMillis;
    this.maxSources = maxSources;
  }

  private record Key(String source, String function, Cause cause) {}

  private static final class Window {
    final Key key;
    final long start;
    long repeats;

    Window(Key key, long start) {
      this.key = key;
      this.start = start;
    }
  }

  /** Records (or counts) one refusal. */
  public synchronized void refused(String source, String function, Cause cause, String reason) {
    long now = clock.epochMillis();
    flushExpired(now);
    Key key = new Key(source, function, cause);
    Window window = windows.get(key);
    if (window == null && windows.size() >= maxSources) {
      if (overflow == null) {
        overflow = new Window(new Key(OVERFLOW, OVERFLOW, null), now);
        record(key, reason, "more sources than refusalAuditMaxSources this window: further"
            + " refusals from any of them are counted under source *");
      } else {
        overflow.repeats++;
      }
      return;
    }
    if (window != null) {
      window.repeats++;
      return;
    }
    windows.put(key, new Window(key, now));
    record(key, reason, null);
  }

  /** Writes the counts of the windows that have ended. */
  public synchronized void flushExpired() {
    flushExpired(clock.epochMillis());
  }

  /** Writes every pending count (at shutdown). */
  public synchronized void flushAll() {
    flushExpired(Long.MAX_VALUE);
  }

  private void flushExpired(long now) {
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      Window w = it.next();
      if (now - w.start < windowMillis) {
        break; // insertion order: every later window started later
      }
      it.remove();
      summarise(w);
    }
    if (overflow != null && now - overflow.start >= windowMillis) {
      summarise(overflow);
      overflow = null;
    }
  }

  private void summarise(Window w) {
    if (w.repeats == 0) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", w.key.source());
    details.put("function", w.key.function());
    details.put("cause", w.key.cause() == null ? OVERFLOW : w.key.cause().name());
    details.put("repeats", Long.toString(w.repeats));
    details.put("since", Instant.ofEpochMilli(w.start).toString());
    audit.append(AuditKind.KEY_RELEASE_REFUSED_REPEATED, details);
  }

  private void record(Key key, String reason, String note) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", key.source());
    details.put("function", key.function());
    details.put("cause", key.cause().name());
    details.put("reason", reason);
    if (note != null) {
      details.put("note", note);
    }
    audit.append(AuditKind.KEY_RELEASE_REFUSED, details);
  }
}
