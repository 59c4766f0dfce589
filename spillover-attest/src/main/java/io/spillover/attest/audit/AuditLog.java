package io.spillover.attest.audit;

import io.spillover.SpilloverClock;
import io.spillover.attest.audit.internal.AuditCodec;
import io.spillover.attest.audit.internal.ChainChecker;
import io.spillover.attest.seal.SealedSpill;
import io.spillover.attest.seal.SealedSpillListener;
import io.spillover.attest.seal.TamperedReply;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An append-only, hash-chained audit log: one JSON record a line, each carrying the hash of the
 * previous one, so removing, reordering or altering any record breaks the chain at that record
 * ({@link #verify}, or {@code spillover audit verify FILE}). Opening an existing log verifies it
 * first and refuses to extend a broken chain. Appends are serialised and flushed to the file
 * (and forced to the device when {@code fsync} is set) before {@link #append} returns.
 */
public final class AuditLog implements Closeable {
  private final Path file;
  private final SpilloverClock clock;
  private final boolean fsync;
  private final FileChannel channel;
  private long seq;
  private String head;

  private AuditLog(Path file, SpilloverClock clock, boolean fsync) throws IOException {
    this.file = file;
    this.clock = clock;
    this.fsync = fsync;
    AuditVerification existing = Files.exists(file) ? verify(file)
        : new AuditVerification(true, 0, 0, "", AuditRecord.GENESIS);
    if (!existing.valid()) {
      throw new AuditException("audit log " + file + " is broken at line "
          + existing.brokenLine() + ": " + existing.reason() + "; refusing to extend it");
    }
    this.seq = existing.records();
    this.head = existing.headHash();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  /** Opens (creating if absent) the log at {@code file}, with the system clock and no fsync. */
  public static AuditLog open(Path file) {
    return open(file, SpilloverClock.system(), false);
  }

  /** @throws AuditException when the file cannot be opened or its chain is broken */
  public static AuditLog open(Path file, SpilloverClock clock, boolean fsync) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    try {
      return new AuditLog(file, clock, fsync);
    } catch (IOException e) {
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
    ByteBuffer bytes = ByteBuffer.wrap(
        (AuditCodec.line(record) + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (fsync) {
        channel.force(false);
      }
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
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return ChainChecker.check(in);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new AuditException("cannot close audit log " + file, e);
    }
  }
}
