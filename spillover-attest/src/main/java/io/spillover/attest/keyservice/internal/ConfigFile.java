package io.spillover.attest.keyservice.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.evidence.internal.PolicyJson;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.KeyServiceConfig;
import io.spillover.attest.seal.internal.Tinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the key service's JSON config file into a {@link KeyServiceConfig}. */
public final class ConfigFile {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> FUNCTION_MEMBERS = Set.of("allowedMeasurements", "platforms",
      "callers", "dataKeys", "allowDebug", "minimumSnpTcb", "acceptedTcbStatuses",
      "maxEvidenceAgeSeconds");

  private ConfigFile() {}

  /** @throws IllegalArgumentException naming the file and the problem */
  public static KeyServiceConfig read(Path file) {
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return parse(root, file.toAbsolutePath().getParent());
    } catch (IOException | JacksonException e) {
      throw new IllegalArgumentException("cannot read key service config " + file + ": "
          + e.getMessage(), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("invalid key service config " + file + ": "
          + e.getMessage(), e);
    }
  }

  private static KeyServiceConfig parse(JsonNode root, Path base) throws IOException {
    KeyServiceConfig.Builder b = KeyServiceConfig.builder()
        .bind(root.path("bind").asString("127.0.0.1"))
        .port(root.path("port").asInt(8700))
        .keyDirectory(path(base, required(root, "keyDirectory")))
        .createMissingKeys(root.path("createMissingKeys").asBoolean(false))
        .nonceTtl(Duration.ofSeconds(root.path("nonceTtlSeconds").asLong(60)))
        .maxNonces(root.path("maxNonces").asInt(10_000))
        .requestSkew(Duration.ofSeconds(root.path("requestSkewSeconds").asLong(60)))
        .threads(root.path("threads").asInt(4));
    if (root.has("masterKeyset")) {
      b.masterKeyset(path(base, required(root, "masterKeyset")));
    }
    if (root.has("masterKeyUri")) {
      b.masterKeyUri(required(root, "masterKeyUri"));
    }
    if (root.has("auditLog")) {
      b.auditLog(path(base, required(root, "auditLog")));
    }
    JsonNode dev = root.path("devEvidence");
    if (dev.isObject()) {
      b.devEvidenceKey(DevEvidenceKeys.readPublic(path(base, required(dev, "trustedKey"))))
          .allowDevEvidenceInProduction(dev.path("allowInProduction").asBoolean(false));
    }
    JsonNode tls = root.path("tls");
    if (tls.isObject()) {
      String password = tls.has("passwordEnv") ? System.getenv(required(tls, "passwordEnv"))
          : required(tls, "password");
      if (password == null) {
        throw new IllegalArgumentException("tls.passwordEnv names an unset variable");
      }
      b.tls(new KeyServiceConfig.Tls(path(base, required(tls, "keyStore")),
          password.toCharArray(), tls.path("type").asString("PKCS12")));
    }
    for (Map.Entry<String, JsonNode> e : root.path("callers").properties()) {
      b.caller(e.getKey(), publicKeyset(path(base, required(e.getValue(), "verifyKeyset"))));
    }
    for (Map.Entry<String, JsonNode> e : root.path("functions").properties()) {
      b.function(e.getKey(), function(e.getKey(), e.getValue()));
    }
    return b.build();
  }

  private static FunctionPolicy function(String name, JsonNode fn) {
    for (Map.Entry<String, JsonNode> m : fn.properties()) {
      if (!FUNCTION_MEMBERS.contains(m.getKey())) {
        // a typo must never silently weaken a policy
        throw new IllegalArgumentException("function '" + name + "' has an unknown member '"
            + m.getKey() + "'");
      }
    }
    FunctionPolicy.Builder p = FunctionPolicy.builder()
        .allowMeasurements(strings(fn, "allowedMeasurements"))
        .platforms(strings(fn, "platforms").stream().map(Platform::fromId).toList())
        .callers(strings(fn, "callers")).dataKeys(strings(fn, "dataKeys"))
        .allowDebug(fn.path("allowDebug").asBoolean(false));
    if (fn.has("minimumSnpTcb")) {
      p.minimumSnpTcb(PolicyJson.snpTcb(fn.get("minimumSnpTcb")));
    }
    if (fn.has("acceptedTcbStatuses")) {
      p.acceptTcbStatuses(strings(fn, "acceptedTcbStatuses"));
    }
    if (fn.has("maxEvidenceAgeSeconds")) {
      p.maxEvidenceAge(Duration.ofSeconds(fn.get("maxEvidenceAgeSeconds").asLong()));
    }
    return p.build();
  }

  private static KeysetHandle publicKeyset(Path file) throws IOException {
    try {
      return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(
          Files.readString(file, StandardCharsets.UTF_8), Tinks.CONFIG);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " is not a Tink JSON public keyset", e);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString() || value.stringValue().isBlank()) {
      throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
    }
    return value.stringValue();
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : node.path(field)) {
      if (!v.isString()) {
        throw new IllegalArgumentException("'" + field + "' must be a list of strings");
      }
      out.add(v.stringValue());
    }
    return out;
  }

  private static Path path(Path base, String value) {
    Path p = Path.of(value);
    return p.isAbsolute() || base == null ? p : base.resolve(p);
  }
}
