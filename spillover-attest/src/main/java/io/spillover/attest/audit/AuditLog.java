package io.spillover.attest.audit;

import io.spillover.SpilloverClock;
import io.spillover.attest.audit.internal.AuditCodec;
import io.spillover.attest.audit.internal.ChainChecker;
import io.spillover.attest.seal.SealedSpill;
import io.spillover.attest.seal.SealedSpillListener;
import io.spillover.attest.audit.internal.LogFile;
import io.spillover.attest.seal.TamperedReply;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An append-only, hash-chained audit log: one JSON record a line, each carrying the hash of the
 * previous one, so removing, reordering or altering any record breaks the chain at that record
 * ({@link #verify}, or {@code spillover audit verify FILE}). Opening an existing log verifies it
 * first and refuses to extend a broken chain. Appends are serialised and written to the file (and
 * forced to the device when {@code fsync} is set) before {@link #append} returns.
 *
 * <p>One writer per file: the log holds an exclusive lock on it while open, and a second
 * {@code AuditLog} on the same file, in this process or another, gets
 * {@link AuditLogLockedException}. An append that fails half-way (disk full, file size limit) is
 * cut off again; if even that fails, the next append or the next open does it. Opening a log
 * whose last line has no line end (a torn append) drops that line and records an
 * {@link AuditKind#AUDIT_LOG_RECOVERED} saying how many bytes it dropped.
 */
public final class AuditLog implements Closeable {
  private final Path file;
  private final SpilloverClock clock;
  private final boolean fsync;
  private final LogFile log;
  private long seq;
  private String head;

  private AuditLog(Path file, SpilloverClock clock, boolean fsync, LogFile log,
      AuditVerification existing) {
    this.file = file;
    this.clock = clock;
    this.fsync = fsync;
    this.log = log;
    this.seq = existing.records();
    this.head = existing.headHash();
  }

  /** Opens (creating if absent) the log at {@code file}, with the system clock and no fsync. */
  public static AuditLog open(Path file) {
    return open(file, SpilloverClock.system(), false);
  }

  /**
   * @throws AuditLogLockedException when another writer has the file open
   * @throws AuditException when the file cannot be opened or its chain is broken
   */
  public static AuditLog open(Path file, SpilloverClock clock, boolean fsync) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    LogFile log = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      log = LogFile.open(file);
      LogFile.Scan scan = log.scan();
      if (!scan.chain().valid()) {
        throw new AuditException("audit log " + file + " is broken at line "
            + scan.chain().brokenLine() + ": " + scan.chain().reason()
            + "; refusing to extend it");
      }
      AuditLog opened = new AuditLog(file, clock, fsync, log, scan.chain());
      if (scan.tailBytes() > 0) {
        log.dropTail();
        opened.append(AuditKind.AUDIT_LOG_RECOVERED, Map.of("event", "torn-tail-truncated",
            "droppedBytes", Long.toString(scan.tailBytes()), "droppedSha256", scan.tailSha256(),
            "afterSeq", Long.toString(scan.chain().records())));
      }
      return opened;
    } catch (IOException | RuntimeException e) {
      closeQuietly(log, e);
      if (e instanceof AuditException audit) {
        throw audit;
      }
      throw new AuditException("cannot open audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends one record and returns it. @throws AuditException if it cannot be written */
  public synchronized AuditRecord append(AuditKind kind, Map<String, String> details) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(details, "details");
    long next = seq + 1;
    String time = Instant.ofEpochMilli(clock.epochMillis()).toString();
    String hash = AuditCodec.hash(AuditCodec.canonical(next, time, kind.name(), details, head));
    AuditRecord record = new AuditRecord(next, time, kind.name(), details, head, hash);
    byte[] bytes = (AuditCodec.line(record) + "\n").getBytes(StandardCharsets.UTF_8);
    if (bytes.length > ChainChecker.MAX_RECORD_BYTES) {
      throw new AuditException("audit record of " + bytes.length + " bytes is over the "
          + ChainChecker.MAX_RECORD_BYTES + "-byte limit");
    }
    try {
      log.append(bytes, fsync);
    } catch (IOException e) {
      throw new AuditException("cannot append to audit log " + file + ": " + e.getMessage(), e);
    }
    seq = next;
    head = hash;
    return record;
  }

  /**
   * A listener for {@code SealingCallSealer} that appends a SEALED_SPILL record per call and a
   * SEALED_REPLY_TAMPERED record per reply that was not authentic.
   */
  public SealedSpillListener sealedSpillListener() {
    return new SealedSpillListener() {
      @Override
      public void onSealed(SealedSpill spill) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("target", spill.target().toString());
        details.put("function", spill.function());
        details.put("caller", spill.caller());
        details.put("service", spill.service());
        details.put("requestId", spill.requestId());
        details.put("session", spill.sessionId());
        append(AuditKind.SEALED_SPILL, details);
      }

      @Override
      public void onTamperedReply(TamperedReply reply) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("target", reply.target().toString());
        details.put("function", reply.function());
        details.put("caller", reply.caller());
        details.put("service", reply.service());
        details.put("requestId", reply.requestId());
        details.put("reply", reply.kind().name());
        append(AuditKind.SEALED_REPLY_TAMPERED, details);
      }
    };
  }

  /** The hash of the last record (the genesis value while empty). */
  public synchronized String headHash() {
    return head;
  }

  public synchronized long records() {
    return seq;
  }

  /** Checks the chain of the log at {@code file}. @throws IOException if it cannot be read */
  public static AuditVerification verify(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ChainChecker.check(in);
    }
  }

  /** Closes the file and releases the lock. */
  @Override
  public synchronized void close() {
    try {
      log.close();
    } catch (IOException e) {
      throw new AuditException("cannot close audit log " + file, e);
    }
  }

  private static void closeQuietly(LogFile log, Exception failure) {
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
