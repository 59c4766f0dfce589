package io.spillover.attest.keyservice.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.evidence.SnpTcb;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.KeyServiceConfig;
import io.spillover.attest.keyservice.KeyServiceConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the key service's JSON config file into a {@link KeyServiceConfig}, strictly: a value of
 * the wrong JSON type, an unknown or duplicate key at any level, or a value the builder refuses is
 * a {@link KeyServiceConfigException} naming the key. Nothing falls back to a default silently,
 * since a misread policy or TLS section would weaken the service without anyone noticing.
 */
public final class ConfigFile {
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> TOP = Set.of("bind", "port", "threads", "keyDirectory",
      "masterKeyset", "masterKeyUri", "createMissingKeys", "nonceTtlSeconds", "maxNonces",
      "requestSkewSeconds", "tls", "devEvidence", "auditLog", "callers", "functions",
      "maxConnections", "idleTimeoutSeconds", "maxRequestHeaderBytes", "maxRequestBodyBytes",
      "refusalAuditWindowSeconds", "refusalAuditMaxSources");
  private static final Set<String> TLS = Set.of("keyStore", "password", "passwordEnv", "type");
  private static final Set<String> DEV = Set.of("trustedKey", "allowInProduction");
  private static final Set<String> CALLER = Set.of("verifyKeyset");
  private static final Set<String> FUNCTION = Set.of("allowedMeasurements", "platforms",
      "callers", "dataKeys", "grants", "allowDebug", "minimumSnpTcb", "acceptedTcbStatuses",
      "maxEvidenceAgeSeconds");
  private static final Set<String> SNP_TCB = Set.of("bootloader", "tee", "snp", "microcode",
      "fmc");

  private ConfigFile() {}

  /** @throws KeyServiceConfigException naming the file, the key and the problem */
  public static KeyServiceConfig read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new KeyServiceConfigException(file, "", "cannot be read: " + e.getMessage(), e);
    } catch (JacksonException e) {
      String problem = e.getOriginalMessage();
      if (problem.startsWith("Duplicate")) { // the one key path Jackson knows is the duplicate
        throw new KeyServiceConfigException(file, duplicatePath(e), "appears twice", e);
      }
      throw new KeyServiceConfigException(file, "", "is not JSON: " + problem, e);
    }
    try {
      return parse(ConfigObject.of(root, "", TOP), file.toAbsolutePath().getParent());
    } catch (ConfigObject.Problem e) {
      throw new KeyServiceConfigException(file, e.key, e.getMessage(), e);
    } catch (IllegalArgumentException e) { // a rule across keys (e.g. an unregistered caller)
      throw new KeyServiceConfigException(file, "", e.getMessage(), e);
    }
  }

  private static KeyServiceConfig parse(ConfigObject root, Path base) {
    KeyServiceConfig.Builder b = KeyServiceConfig.builder();
    at(root.key("bind"), () -> b.bind(root.string("bind").orElse("127.0.0.1")));
    at(root.key("port"), () -> b.port(root.smallInteger("port", 8700)));
    at(root.key("threads"), () -> b.threads(root.smallInteger("threads", 4)));
    at(root.key("keyDirectory"),
        () -> b.keyDirectory(path(base, root.requiredString("keyDirectory"))));
    root.string("masterKeyset").ifPresent(p -> b.masterKeyset(path(base, p)));
    root.string("masterKeyUri").ifPresent(b::masterKeyUri);
    if (root.has("masterKeyset") == root.has("masterKeyUri")) {
      throw new ConfigObject.Problem("", "needs exactly one of masterKeyset and masterKeyUri");
    }
    b.createMissingKeys(root.bool("createMissingKeys", false));
    at(root.key("nonceTtlSeconds"),
        () -> b.nonceTtl(Duration.ofSeconds(root.integer("nonceTtlSeconds", 60))));
    at(root.key("maxNonces"), () -> b.maxNonces(root.smallInteger("maxNonces", 10_000)));
    at(root.key("requestSkewSeconds"),
        () -> b.requestSkew(Duration.ofSeconds(root.integer("requestSkewSeconds", 60))));
    at(root.key("maxConnections"), () -> b.maxConnections(root.smallInteger("maxConnections",
        KeyServiceConfig.DEFAULT_MAX_CONNECTIONS)));
    at(root.key("idleTimeoutSeconds"), () -> b.idleTimeout(Duration.ofSeconds(
        root.integer("idleTimeoutSeconds", KeyServiceConfig.DEFAULT_IDLE_TIMEOUT.toSeconds()))));
    at(root.key("maxRequestHeaderBytes"), () -> b.maxRequestHeaderBytes(root.smallInteger(
        "maxRequestHeaderBytes", KeyServiceConfig.DEFAULT_MAX_REQUEST_HEADER_BYTES)));
    at(root.key("maxRequestBodyBytes"), () -> b.maxRequestBodyBytes(root.smallInteger(
        "maxRequestBodyBytes", KeyServiceConfig.DEFAULT_MAX_REQUEST_BODY_BYTES)));
    at(root.key("refusalAuditWindowSeconds"), () -> b.refusalAuditWindow(Duration.ofSeconds(
        root.integer("refusalAuditWindowSeconds",
            KeyServiceConfig.DEFAULT_REFUSAL_AUDIT_WINDOW.toSeconds()))));
    at(root.key("refusalAuditMaxSources"), () -> b.refusalAuditMaxSources(root.smallInteger(
        "refusalAuditMaxSources", KeyServiceConfig.DEFAULT_REFUSAL_AUDIT_MAX_SOURCES)));
    root.string("auditLog").ifPresent(p -> b.auditLog(path(base, p)));
    root.object("devEvidence", DEV).ifPresent(dev -> {
      Path key = path(base, dev.requiredString("trustedKey"));
      at(dev.key("trustedKey"), () -> b.devEvidenceKey(readDevKey(key)));
      b.allowDevEvidenceInProduction(dev.bool("allowInProduction", false));
    });
    root.object("tls", TLS).ifPresent(tls -> b.tls(tls(tls, base)));
    root.objects("callers", CALLER).forEach((name, caller) -> at(caller.key("verifyKeyset"),
        () -> b.caller(name, publicKeyset(path(base, caller.requiredString("verifyKeyset"))))));
    Set<String> registered = root.objects("callers", CALLER).keySet();
    root.objects("functions", FUNCTION).forEach((name, fn) -> {
      for (String caller : fn.strings("callers")) {
        if (!registered.contains(caller)) {
          throw new ConfigObject.Problem(fn.key("callers"), "names caller '" + caller
              + "', which is not registered under callers");
        }
      }
      FunctionPolicy policy = function(fn);
      at(root.key("functions") + "." + name, () -> b.function(name, policy));
    });
    return b.build();
  }

  private static KeyServiceConfig.Tls tls(ConfigObject tls, Path base) {
    if (tls.has("password") == tls.has("passwordEnv")) {
      throw new ConfigObject.Problem(tls.key(""), "needs exactly one of password and passwordEnv");
    }
    String password = tls.has("passwordEnv") ? System.getenv(tls.requiredString("passwordEnv"))
        : tls.requiredString("password");
    if (password == null) {
      throw new ConfigObject.Problem(tls.key("passwordEnv"), "names an unset variable");
    }
    return new KeyServiceConfig.Tls(path(base, tls.requiredString("keyStore")),
        password.toCharArray(), tls.string("type").orElse("PKCS12"));
  }

  private static FunctionPolicy function(ConfigObject fn) {
    FunctionPolicy.Builder p = FunctionPolicy.builder();
    at(fn.key("allowedMeasurements"),
        () -> p.allowMeasurements(fn.strings("allowedMeasurements")));
    at(fn.key("platforms"),
        () -> p.platforms(fn.strings("platforms").stream().map(Platform::fromId).toList()));
    at(fn.key("callers"), () -> p.callers(fn.strings("callers")));
    at(fn.key("dataKeys"), () -> p.dataKeys(fn.strings("dataKeys")));
    fn.stringLists("grants").forEach((key, grantees) ->
        at(fn.key("grants") + "." + key, () -> p.grant(key, grantees)));
    p.allowDebug(fn.bool("allowDebug", false));
    fn.object("minimumSnpTcb", SNP_TCB).ifPresent(t -> at(fn.key("minimumSnpTcb"),
        () -> p.minimumSnpTcb(new SnpTcb(t.requiredSmallInteger("bootloader"),
            t.requiredSmallInteger("tee"), t.requiredSmallInteger("snp"),
            t.requiredSmallInteger("microcode"), t.smallInteger("fmc", 0)))));
    if (fn.has("acceptedTcbStatuses")) {
      at(fn.key("acceptedTcbStatuses"),
          () -> p.acceptTcbStatuses(fn.strings("acceptedTcbStatuses")));
    }
    if (fn.has("maxEvidenceAgeSeconds")) {
      at(fn.key("maxEvidenceAgeSeconds"), () -> p.maxEvidenceAge(
          Duration.ofSeconds(fn.integer("maxEvidenceAgeSeconds", 300))));
    }
    try {
      return p.build();
    } catch (IllegalArgumentException e) {
      // build refuses only an empty measurement list and grants that do not fit the policy
      String key = fn.strings("allowedMeasurements").isEmpty() ? "allowedMeasurements" : "grants";
      throw new ConfigObject.Problem(fn.key(key), e.getMessage());
    }
  }

  /** Runs a builder step; what the builder refuses is reported at {@code key}. */
  private static void at(String key, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException e) {
      throw new ConfigObject.Problem(key, "is invalid: " + e.getMessage());
    }
  }

  private static java.security.PublicKey readDevKey(Path file) {
    try {
      return DevEvidenceKeys.readPublic(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static KeysetHandle publicKeyset(Path file) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(
          Files.readString(file, StandardCharsets.UTF_8), Tinks.CONFIG);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " is not a Tink JSON public keyset", e);
    }
  }

  /** The key path where the parser stood when it met the duplicate. */
  private static String duplicatePath(JacksonException e) {
    if (!(e.processor() instanceof JsonParser parser)) {
      return "";
    }
    String path = "";
    for (TokenStreamContext c = parser.streamReadContext(); c != null && !c.inRoot();
        c = c.getParent()) {
      String segment = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.currentName();
      path = segment + (path.isEmpty() || path.startsWith("[") ? "" : ".") + path;
    }
    return path;
  }

  private static Path path(Path base, String value) {
    Path p = Path.of(value);
    return p.isAbsolute() || base == null ? p : base.resolve(p);
  }
}
