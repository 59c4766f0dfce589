package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.Certs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key files for the attestation simulator, for development set-ups where the simulated TEE and the
 * key service run in different processes: the function workers load the key pair
 * ({@link #read}), the key service trusts the public half ({@link #readPublic}). PEM blocks
 * {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). These keys
 * protect nothing: anyone who has the file can forge "evidence".
 */
public final class DevEvidenceKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private DevEvidenceKeys() {}

  /** A fresh P-256 key pair for {@link DevEvidenceSource.Builder#signingKey}. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate a P-256 key", e);
    }
  }

  /** Writes both halves to {@code file} (owner read/write only, where the file system allows). */
  public static void write(KeyPair key, Path file) throws IOException {
    String pem = Certs.pem("PRIVATE KEY", key.getPrivate().getEncoded())
        + Certs.pem("PUBLIC KEY", key.getPublic().getEncoded());
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the caller protects the file
    }
  }

  /** Writes only the public half, for the key service's {@code devEvidence.trustedKey}. */
  public static void writePublic(PublicKey key, Path file) throws IOException {
    Files.writeString(file, Certs.pem("PUBLIC KEY", key.getEncoded()), StandardCharsets.US_ASCII);
  }

  /** @throws IllegalArgumentException when the file lacks either block or holds no P-256 key */
  public static KeyPair read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      PrivateKey priv = KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY", file)));
      return new KeyPair(publicKey(text, file), priv);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no EC private key", e);
    }
  }

  /** The {@code PUBLIC KEY} block of {@code file}. */
  public static PublicKey readPublic(Path file) throws IOException {
    return publicKey(Files.readString(file, StandardCharsets.US_ASCII), file);
  }

  private static PublicKey publicKey(String text, Path file) {
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY", file)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no EC public key", e);
    }
  }

  private static byte[] block(String text, String type, Path file) {
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        return Base64.getMimeDecoder().decode(m.group(2));
      }
    }
    throw new IllegalArgumentException(file + " has no PEM block '" + type + "'");
  }
}
