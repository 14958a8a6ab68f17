package io.orgvault.engine.store;

import java.util.List;
import java.util.Objects;

/**
 * What a row holds for a file body: the body's keyed hash, its length and the ordered ids of the
 * chunks it is made of. The chunks live once each under {@code blobs/}.
 */
public record BlobRef(ContentId bodyHash, long length, List<ContentId> chunks) {
  public BlobRef {
    Objects.requireNonNull(bodyHash, "bodyHash");
    if (length < 0) {
      throw new IllegalArgumentException("negative blob length");
    }
    chunks = List.copyOf(chunks);
  }
}
