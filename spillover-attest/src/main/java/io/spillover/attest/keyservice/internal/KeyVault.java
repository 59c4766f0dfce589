package io.spillover.attest.keyservice.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.KeyServiceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;

/**
 * Keysets at rest: each is a Tink JSON keyset encrypted under the master AEAD, with its own name
 * as associated data (so files cannot be swapped). The master AEAD is a KMS key (production,
 * through a registered Tink {@code KmsClient}) or a local cleartext keyset file (development).
 */
public final class KeyVault {
  private static final String AD_PREFIX = "spillover-keyservice/";

  private final Path directory;
  private final Aead master;
  private final boolean createMissing;
  private final Consumer<String> onCreated;

  private KeyVault(Path directory, Aead master, boolean createMissing, Consumer<String> onCreated) {
    this.directory = directory;
    this.master = master;
    this.createMissing = createMissing;
    this.onCreated = onCreated;
  }

  public static KeyVault open(KeyServiceConfig config, Consumer<String> onCreated)
      throws IOException, GeneralSecurityException {
    Files.createDirectories(config.keyDirectory());
    Aead master = config.masterKeyUri().isPresent()
        ? kmsAead(config.masterKeyUri().get())
        : localMaster(config.masterKeyset().orElseThrow(), config.createMissingKeys(), onCreated);
    return new KeyVault(config.keyDirectory(), master, config.createMissingKeys(), onCreated);
  }

  /** The keyset stored under {@code name} (e.g. {@code functions/compose.hpke}). */
  public synchronized KeysetHandle loadOrCreate(String name, Parameters parameters)
      throws IOException, GeneralSecurityException {
    Path file = file(name);
    if (Files.exists(file)) {
      return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
          Files.readString(file, StandardCharsets.UTF_8), master, ad(name), Tinks.CONFIG);
    }
    if (!createMissing) {
      throw new IOException("keyset '" + name + "' is missing at " + file
          + " (provision it, or set createMissingKeys for development)");
    }
    KeysetHandle created = Tinks.generate(parameters);
    store(name, created);
    onCreated.accept(name);
    return created;
  }

  /** Writes {@code keyset} under {@code name}, replacing it atomically. */
  public synchronized void store(String name, KeysetHandle keyset)
      throws IOException, GeneralSecurityException {
    Path file = file(name);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    writePrivate(tmp, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, master, ad(name),
        Tinks.CONFIG));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public Path directory() {
    return directory;
  }

  private Path file(String name) {
    return directory.resolve(name + ".keyset.json");
  }

  private static byte[] ad(String name) {
    return (AD_PREFIX + name).getBytes(StandardCharsets.UTF_8);
  }

  private static Aead kmsAead(String uri) throws GeneralSecurityException {
    try {
      return KmsClients.get(uri).getAead(uri);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("no Tink KmsClient registered for " + uri
          + " (add tink-awskms or tink-gcpkms and register its client before start)", e);
    }
  }

  private static Aead localMaster(Path file, boolean create, Consumer<String> onCreated)
      throws IOException, GeneralSecurityException {
    if (!Files.exists(file)) {
      if (!create) {
        throw new IOException("master keyset " + file + " is missing");
      }
      KeysetHandle created = Tinks.generate(PredefinedAeadParameters.AES256_GCM);
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writePrivate(file, TinkJsonProtoKeysetFormat.serializeKeyset(created, Tinks.CONFIG,
          InsecureSecretKeyAccess.get()));
      onCreated.accept("master");
    }
    KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(
        Files.readString(file, StandardCharsets.UTF_8), Tinks.CONFIG,
        InsecureSecretKeyAccess.get());
    return Tinks.primitive(keyset, Aead.class);
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's ACLs are the operator's to set
    }
  }
}
