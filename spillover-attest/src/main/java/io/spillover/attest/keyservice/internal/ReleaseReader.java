package io.spillover.attest.keyservice.internal;

import com.google.crypto.tink.KeysetHandle;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.GrantedDataKey;
import io.spillover.attest.keyservice.KeyServiceException;
import io.spillover.attest.keyservice.ReleasedKeys;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads (already opened) key release and granted data key payloads. */
public final class ReleaseReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ReleaseReader() {}

  public static ReleasedKeys read(String function, byte[] payload)
      throws GeneralSecurityException {
    try {
      JsonNode node = JSON.readTree(payload);
      if (!function.equals(node.path("function").asString(""))) {
        throw new KeyServiceException(0, "key release names another function");
      }
      Map<String, KeysetHandle> callers = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : node.path("callers").properties()) {
        callers.put(e.getKey(), Tinks.parsePublicKeyset(e.getValue().binaryValue()));
      }
      Map<String, KeysetHandle> dataKeys = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : node.path("dataKeys").properties()) {
        dataKeys.put(e.getKey(), Tinks.parseSecretKeyset(e.getValue().binaryValue()));
      }
      return new ReleasedKeys(function,
          Tinks.parseSecretKeyset(node.required("privateKeyset").binaryValue()), callers,
          dataKeys, node.path("issuedAt").asLong());
    } catch (JacksonException e) {
      throw new KeyServiceException("malformed key release payload", e);
    }
  }

  /** A granted data key's payload; it must name the function, key and caller asked for. */
  public static GrantedDataKey readDataKey(String function, String name, String caller,
      byte[] payload) throws GeneralSecurityException {
    try {
      JsonNode node = JSON.readTree(payload);
      if (!function.equals(node.path("function").asString(""))
          || !name.equals(node.path("dataKey").asString(""))
          || !caller.equals(node.path("caller").asString(""))) {
        throw new KeyServiceException(0, "data key release names another function, key or caller");
      }
      Set<String> grantees = new LinkedHashSet<>();
      for (JsonNode g : node.path("grantees")) {
        grantees.add(g.asString());
      }
      if (!grantees.contains(caller)) {
        throw new KeyServiceException(0, "data key release does not grant the caller asked for");
      }
      return new GrantedDataKey(function, name,
          Tinks.parseSecretKeyset(node.required("keyset").binaryValue()), grantees,
          node.path("issuedAt").asLong());
    } catch (JacksonException e) {
      throw new KeyServiceException("malformed data key release payload", e);
    }
  }
}
