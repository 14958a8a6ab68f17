package io.orgvault.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyEncryptionKeyTest {
  @TempDir Path dir;

  @Test
  void generatedKeyIsOwnerOnlyAndOpensThroughServiceLoader() throws Exception {
    Path file = dir.resolve("kek.key");
    FileKeyEncryptionKey.generate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.size(file)).isEqualTo(32);
    try (KeyEncryptionKey kek = KeyEncryptionKeys.open("file:" + file)) {
      byte[] aad = "tenant-a".getBytes(StandardCharsets.UTF_8);
      byte[] secret = new byte[32];
      secret[0] = 7;
      byte[] wrapped = kek.wrap(secret, aad);
      assertThat(kek.unwrap(wrapped, aad)).isEqualTo(secret);
      assertThatThrownBy(() -> kek.unwrap(wrapped, "tenant-b".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(GeneralSecurityException.class);
      // Random nonces: wrapping twice never gives the same bytes.
      assertThat(kek.wrap(secret, aad)).isNotEqualTo(wrapped);
    }
  }

  @Test
  void keyReadableByOthersIsRefused() throws Exception {
    Path file = dir.resolve("kek.key");
    FileKeyEncryptionKey.generate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> FileKeyEncryptionKey.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void keyOfWrongSizeIsRefused() throws Exception {
    Path file = dir.resolve("kek.key");
    Files.write(file, new byte[16]);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> FileKeyEncryptionKey.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exactly 32");
  }

  @Test
  void unknownSchemeNamesTheAvailableOnes() {
    assertThatThrownBy(() -> KeyEncryptionKeys.open("kms:arn:aws:kms:x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file");
  }

  @Test
  void toStringAndIdRevealNoKeyMaterial() throws Exception {
    Path file = dir.resolve("kek.key");
    FileKeyEncryptionKey.generate(file);
    String keyHex = HexFormat.of().formatHex(Files.readAllBytes(file));
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(file)) {
      assertThat(kek.toString()).doesNotContain(keyHex.substring(0, 8));
      assertThat(kek.id()).startsWith("file-").doesNotContain(keyHex.substring(0, 8));
    }
  }
}
