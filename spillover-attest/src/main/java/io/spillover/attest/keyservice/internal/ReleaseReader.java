package io.spillover.attest.keyservice.internal;

import com.google.crypto.tink.KeysetHandle;
import io.spillover.attest.keyservice.KeyServiceException;
import io.spillover.attest.keyservice.ReleasedKeys;
import io.spillover.attest.seal.internal.Tinks;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the (already opened) key release payload into {@link ReleasedKeys}. */
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
}
