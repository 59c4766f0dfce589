package io.spillover.attest.audit.internal;

import com.google.crypto.tink.subtle.EngineFactory;
import io.spillover.attest.audit.AuditLogLockedException;
import io.spillover.attest.audit.AuditVerification;
import io.spillover.attest.internal.Hex;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The audit log's file, held by one writer: an exclusive lock for as long as it is open (a second
 * {@code AuditLog} on the same file, here or in another process, is refused), and appends written
 * at the end of the last whole record, so that an append that failed half-way (disk full, file
 * size limit) is cut off again rather than left for the next record to follow.
 */
public final class LogFile implements Closeable {
  private final Path path;
  private final FileChannel channel;
  private long end;
  private boolean torn;

  private LogFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** @throws AuditLogLockedException when another writer holds the file */
  public static LogFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another channel of this JVM
      }
      if (lock == null) {
        throw new AuditLogLockedException("audit log " + path + " is open by another writer"
            + " (in this or another process); a log has one writer at a time");
      }
      return new LogFile(path, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * The file as found: the chain of its whole records (those ending in a line end), and what
   * follows the last of them.
   *
   * @param tailBytes bytes after the last whole record (a torn append), 0 normally
   * @param tailSha256 hex SHA-256 of those bytes (empty when there are none)
   */
  public record Scan(AuditVerification chain, long wholeBytes, long tailBytes,
      String tailSha256) {}

  public Scan scan() throws IOException {
    long size = channel.size();
    long whole = endOfLastLine(size);
    AuditVerification chain;
    try (InputStream in = new Bounded(Channels.newInputStream(channel.position(0)), whole)) {
      chain = ChainChecker.check(in);
    }
    end = whole;
    return new Scan(chain, whole, size - whole, size == whole ? "" : digest(whole, size));
  }

  /** Cuts the file back to its last whole record. */
  public void dropTail() throws IOException {
    channel.truncate(end);
    channel.force(true);
  }

  /** Writes {@code record} (a whole line) after the last whole record. */
  public void append(byte[] record, boolean fsync) throws IOException {
    if (torn) {
      channel.truncate(end); // an earlier append failed half-way and could not be cut off then
      torn = false;
    } else if (channel.size() != end) {
      throw new IOException("the file changed under this writer (" + channel.size()
          + " bytes where " + end + " were written); something else writes to it");
    }
    ByteBuffer bytes = ByteBuffer.wrap(record);
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes, end + bytes.position());
      }
      if (fsync) {
        channel.force(false);
      }
    } catch (IOException e) {
      try {
        channel.truncate(end);
      } catch (IOException again) {
        torn = true;
        e.addSuppressed(again);
      }
      throw e;
    }
    end += record.length;
  }

  @Override
  public void close() throws IOException {
    channel.close(); // releases the lock
  }

  private long endOfLastLine(long size) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    long pos = size;
    while (pos > 0) {
      int n = (int) Math.min(chunk.capacity(), pos);
      chunk.clear().limit(n);
      long from = pos - n;
      while (chunk.hasRemaining()) {
        if (channel.read(chunk, from + chunk.position()) < 0) {
          throw new IOException(path + " shrank while being read");
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return from + i + 1;
        }
      }
      pos = from;
    }
    return 0;
  }

  private String digest(long from, long to) throws IOException {
    MessageDigest sha;
    try {
      sha = EngineFactory.MESSAGE_DIGEST.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    for (long pos = from; pos < to; ) {
      chunk.clear().limit((int) Math.min(chunk.capacity(), to - pos));
      int n = channel.read(chunk, pos);
      if (n < 0) {
        break;
      }
      sha.update(chunk.flip());
      pos += n;
    }
    return Hex.encode(sha.digest());
  }

  /** Reads at most {@code remaining} bytes and never closes the channel underneath. */
  private static final class Bounded extends FilterInputStream {
    private long remaining;

    Bounded(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // the channel stays open: it carries the lock
    }
  }
}
