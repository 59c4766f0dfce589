package io.spillover.attest.keyservice;

import com.google.crypto.tink.KeysetHandle;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.keyservice.internal.ConfigFile;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key service's configuration: where it listens, where its keysets live and what protects
 * them, which callers are registered, and each function's policy. Read from a JSON file with
 * {@link #fromJson} (format in {@code docs/confidential.md}) or built in code. Immutable.
 */
public final class KeyServiceConfig {
  /** Default {@code maxConnections}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 512;
  /** Default {@code idleTimeoutSeconds}. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@code maxRequestHeaderBytes}. */
  public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 8 * 1024;
  /** Default {@code maxRequestBodyBytes}. */
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;
  /** Default {@code refusalAuditWindowSeconds}. */
  public static final Duration DEFAULT_REFUSAL_AUDIT_WINDOW = Duration.ofSeconds(60);
  /** Default {@code refusalAuditMaxSources}. */
  public static final int DEFAULT_REFUSAL_AUDIT_MAX_SOURCES = 256;
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final String bind;
  private final int port;
  private final Path keyDirectory;
  private final Path masterKeyset;
  private final String masterKeyUri;
  private final boolean createMissingKeys;
  private final Duration nonceTtl;
  private final int maxNonces;
  private final Duration requestSkew;
  private final int threads;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final int maxRequestHeaderBytes;
  private final int maxRequestBodyBytes;
  private final Duration refusalAuditWindow;
  private final int refusalAuditMaxSources;
  private final Tls tls;
  private final PublicKey devEvidenceKey;
  private final boolean devEvidenceInProduction;
  private final Path auditLog;
  private final Map<String, KeysetHandle> callers;
  private final Map<String, FunctionPolicy> functions;

  private KeyServiceConfig(Builder b) {
    this.bind = b.bind;
    this.port = b.port;
    this.keyDirectory = Objects.requireNonNull(b.keyDirectory, "keyDirectory is required");
    if ((b.masterKeyset == null) == (b.masterKeyUri == null)) {
      throw new IllegalArgumentException(
          "exactly one of masterKeyset and masterKeyUri is required");
    }
    this.masterKeyset = b.masterKeyset;
    this.masterKeyUri = b.masterKeyUri;
    this.createMissingKeys = b.createMissingKeys;
    this.nonceTtl = b.nonceTtl;
    this.maxNonces = b.maxNonces;
    this.requestSkew = b.requestSkew;
    this.threads = b.threads;
    this.maxConnections = b.maxConnections;
    this.idleTimeout = b.idleTimeout;
    this.maxRequestHeaderBytes = b.maxRequestHeaderBytes;
    this.maxRequestBodyBytes = b.maxRequestBodyBytes;
    this.refusalAuditWindow = b.refusalAuditWindow;
    this.refusalAuditMaxSources = b.refusalAuditMaxSources;
    this.tls = b.tls;
    this.devEvidenceKey = b.devEvidenceKey;
    this.devEvidenceInProduction = b.devEvidenceInProduction;
    this.auditLog = b.auditLog;
    this.callers = Map.copyOf(b.callers);
    this.functions = Map.copyOf(b.functions);
    functions.forEach((fn, policy) -> policy.callers().forEach(c -> {
      if (!callers.containsKey(c)) {
        throw new IllegalArgumentException("function '" + fn + "' names caller '" + c
            + "', which is not registered under callers");
      }
    }));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a JSON config; relative paths in it resolve against the file's directory.
   *
   * @throws KeyServiceConfigException naming the key when a value has the wrong JSON type, a key
   *     is unknown or repeated, or a value is out of range
   */
  public static KeyServiceConfig fromJson(Path file) {
    return ConfigFile.read(file);
  }

  /** TLS for the key service's listener: a key store holding its certificate and private key. */
  public record Tls(Path keyStore, char[] password, String type) {
    public Tls {
      Objects.requireNonNull(keyStore, "keyStore");
      password = Objects.requireNonNull(password, "password").clone();
      type = type == null ? "PKCS12" : type;
    }
  }

  static String requireKeyName(String name) {
    if (name == null || !KEY_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name '" + name
          + "' must match " + KEY_NAME.pattern() + " (it names files and URL paths)");
    }
    return name;
  }

  public String bind() {
    return bind;
  }

  public int port() {
    return port;
  }

  public Path keyDirectory() {
    return keyDirectory;
  }

  public Optional<Path> masterKeyset() {
    return Optional.ofNullable(masterKeyset);
  }

  public Optional<String> masterKeyUri() {
    return Optional.ofNullable(masterKeyUri);
  }

  public boolean createMissingKeys() {
    return createMissingKeys;
  }

  public Duration nonceTtl() {
    return nonceTtl;
  }

  public int maxNonces() {
    return maxNonces;
  }

  public Duration requestSkew() {
    return requestSkew;
  }

  /** Threads that run requests (Jetty adds one acceptor and one selector thread). */
  public int threads() {
    return threads;
  }

  /** Open connections at most; beyond it the service stops accepting until one closes. */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * How long a connection may make no progress (request headers or body half-sent, or idle
   * between requests) before the service closes it.
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** The largest request line and headers accepted; larger ones get 431. */
  public int maxRequestHeaderBytes() {
    return maxRequestHeaderBytes;
  }

  /** The largest request body accepted; larger ones get 413. */
  public int maxRequestBodyBytes() {
    return maxRequestBodyBytes;
  }

  /**
   * Refused attestations are audited once per source address, function and cause within this
   * window; the repeats are counted into one {@code KEY_RELEASE_REFUSED_REPEATED} record.
   */
  public Duration refusalAuditWindow() {
    return refusalAuditWindow;
  }

  /**
   * How many (source, function, cause) windows are tracked at once; refusals beyond them are
   * counted together under source {@code *}.
   */
  public int refusalAuditMaxSources() {
    return refusalAuditMaxSources;
  }

  public Optional<Tls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The attestation simulator's key whose "evidence" is accepted; empty in production. */
  public Optional<PublicKey> devEvidenceKey() {
    return Optional.ofNullable(devEvidenceKey);
  }

  /** Whether the simulator may be trusted even in a production deployment (logged loudly). */
  public boolean devEvidenceInProduction() {
    return devEvidenceInProduction;
  }

  public Optional<Path> auditLog() {
    return Optional.ofNullable(auditLog);
  }

  public Map<String, KeysetHandle> callers() {
    return callers;
  }

  public Map<String, FunctionPolicy> functions() {
    return functions;
  }

  /** Builds a {@link KeyServiceConfig}; validates eagerly. */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port = 8700;
    private Path keyDirectory;
    private Path masterKeyset;
    private String masterKeyUri;
    private boolean createMissingKeys;
    private Duration nonceTtl = Duration.ofSeconds(60);
    private int maxNonces = 10_000;
    private Duration requestSkew = Duration.ofSeconds(60);
    private int threads = 4;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxRequestHeaderBytes = DEFAULT_MAX_REQUEST_HEADER_BYTES;
    private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
    private Duration refusalAuditWindow = DEFAULT_REFUSAL_AUDIT_WINDOW;
    private int refusalAuditMaxSources = DEFAULT_REFUSAL_AUDIT_MAX_SOURCES;
    private Tls tls;
    private PublicKey devEvidenceKey;
    private boolean devEvidenceInProduction;
    private Path auditLog;
    private final Map<String, KeysetHandle> callers = new LinkedHashMap<>();
    private final Map<String, FunctionPolicy> functions = new LinkedHashMap<>();

    private Builder() {}

    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address);
      return this;
    }

    /** The port (0 picks a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535");
      }
      this.port = port;
      return this;
    }

    public Builder keyDirectory(Path dir) {
      this.keyDirectory = Objects.requireNonNull(dir);
      return this;
    }

    /** Development: a cleartext Tink AEAD keyset file that encrypts every keyset at rest. */
    public Builder masterKeyset(Path file) {
      this.masterKeyset = Objects.requireNonNull(file);
      return this;
    }

    /**
     * Production: a KMS key URI ({@code aws-kms://...}, {@code gcp-kms://...}) served by a Tink
     * {@code KmsClient} registered before start.
     */
    public Builder masterKeyUri(String uri) {
      this.masterKeyUri = Objects.requireNonNull(uri);
      return this;
    }

    /** Generate absent keysets (master, signing, function, data keys) at start. Off by default. */
    public Builder createMissingKeys(boolean create) {
      this.createMissingKeys = create;
      return this;
    }

    public Builder nonceTtl(Duration ttl) {
      this.nonceTtl = positive(ttl, "nonceTtl");
      return this;
    }

    public Builder maxNonces(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxNonces must be positive");
      }
      this.maxNonces = max;
      return this;
    }

    /** How far a signed request's timestamp may be from the service's clock. */
    public Builder requestSkew(Duration skew) {
      this.requestSkew = positive(skew, "requestSkew");
      return this;
    }

    public Builder threads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("threads must be in 1..256");
      }
      this.threads = threads;
      return this;
    }

    /** Open connections at most, 1..65536 (default 512). */
    public Builder maxConnections(int max) {
      this.maxConnections = range(max, 1, 65_536, "maxConnections");
      return this;
    }

    /** How long a connection may make no progress before it is closed (default 30 s). */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /** Request line and headers at most, 1 KiB..1 MiB (default 8 KiB). */
    public Builder maxRequestHeaderBytes(int max) {
      this.maxRequestHeaderBytes = range(max, 1024, 1 << 20, "maxRequestHeaderBytes");
      return this;
    }

    /** Request body at most, 1 KiB..64 MiB (default 1 MiB). */
    public Builder maxRequestBodyBytes(int max) {
      this.maxRequestBodyBytes = range(max, 1024, 64 << 20, "maxRequestBodyBytes");
      return this;
    }

    /** The window in which repeated refusals are counted, not recorded (default 60 s). */
    public Builder refusalAuditWindow(Duration window) {
      this.refusalAuditWindow = positive(window, "refusalAuditWindow");
      return this;
    }

    /** (source, function, cause) windows tracked at once, 1..65536 (default 256). */
    public Builder refusalAuditMaxSources(int max) {
      this.refusalAuditMaxSources = range(max, 1, 65_536, "refusalAuditMaxSources");
      return this;
    }

    public Builder tls(Tls tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Accepts the attestation simulator's evidence signed by this key ({@link DevEvidenceKeys}).
     * Development only: the key service refuses to start with it in a production deployment
     * unless {@link #allowDevEvidenceInProduction} is also set.
     */
    public Builder devEvidenceKey(PublicKey key) {
      this.devEvidenceKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** Lets {@link #devEvidenceKey} work in production too (a WARN at start). Never for real secrets. */
    public Builder allowDevEvidenceInProduction(boolean allow) {
      this.devEvidenceInProduction = allow;
      return this;
    }

    public Builder auditLog(Path file) {
      this.auditLog = file;
      return this;
    }

    /** Registers caller {@code name} with its verify keyset. */
    public Builder caller(String name, KeysetHandle verifyKeyset) {
      callers.put(requireKeyName(name), Objects.requireNonNull(verifyKeyset, "verifyKeyset"));
      return this;
    }

    public Builder function(String name, FunctionPolicy policy) {
      functions.put(requireKeyName(name), Objects.requireNonNull(policy, "policy"));
      return this;
    }

    public KeyServiceConfig build() {
      return new KeyServiceConfig(this);
    }

    private static int range(int value, int min, int max, String what) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(what + " must be in " + min + ".." + max);
      }
      return value;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
