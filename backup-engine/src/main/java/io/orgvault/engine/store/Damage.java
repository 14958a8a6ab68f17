package io.orgvault.engine.store;

import java.nio.file.Path;

/**
 * One damaged place found by {@code verify}.
 *
 * @param block segment block number, or -1
 * @param offset byte offset in the file, or -1
 */
public record Damage(Path file, DamageKind kind, long block, long offset, String detail) {
  static Damage of(StoreCorruptedException e) {
    return new Damage(e.file(), e.kind(), e.block(), e.offset(), e.getMessage());
  }

  static Damage of(UnsupportedFormatVersionException e) {
    return new Damage(e.file(), DamageKind.UNSUPPORTED_VERSION, -1, -1, e.getMessage());
  }

  static Damage of(StoreException e, Path file) {
    if (e instanceof StoreCorruptedException) {
      return of((StoreCorruptedException) e);
    }
    if (e instanceof UnsupportedFormatVersionException) {
      return of((UnsupportedFormatVersionException) e);
    }
    return new Damage(file, DamageKind.BAD_HEADER, -1, -1, e.getMessage());
  }
}
