package io.orgvault.engine.store;

import java.util.List;

/** The decoded footer of a segment: what it holds, its block index and its Id filter. */
record SegmentFooter(
    String objectName,
    long rows,
    long tombstones,
    String minId,
    String maxId,
    long minModstamp,
    long maxModstamp,
    FieldDictionary fields,
    List<BlockEntry> blocks,
    Section textIndex,
    Section changeIndex,
    IdFilter filter) {

  /** One entry of the block index. */
  record BlockEntry(String firstId, long offset, int sealedLength, int plainLength, int rows) {}

  /**
   * Where a sealed section lies: the text index (versions 2 and 3; null in a version-1 footer) or
   * the change index (version 3, null when the segment has none).
   */
  record Section(long offset, int sealedLength, int plainLength) {}

  /**
   * Encodes for {@code version}: version 2 writes the text index section after the blocks, version
   * 3 then a marker and the change index section.
   */
  byte[] encode(int version) {
    ByteWriter w = new ByteWriter(4096 + blocks.size() * 48 + (int) (filter.bits() / 8));
    w.string(objectName).varint(rows).varint(tombstones).ascii(minId).ascii(maxId);
    w.i64(minModstamp).i64(maxModstamp);
    w.varint(fields.size());
    for (FieldSchema f : fields.fields()) {
      w.string(f.name()).string(f.type()).varint(f.length()).varint(f.precision());
      w.varint(f.scale());
    }
    w.varint(blocks.size());
    for (BlockEntry b : blocks) {
      w.ascii(b.firstId()).varint(b.offset()).varint(b.sealedLength()).varint(b.plainLength());
      w.varint(b.rows());
    }
    if (version >= SegmentFormat.VERSION_2) {
      w.varint(textIndex.offset()).varint(textIndex.sealedLength()).varint(textIndex.plainLength());
    }
    if (version >= SegmentFormat.VERSION) {
      if (changeIndex == null) {
        w.u8(0);
      } else {
        w.u8(1).varint(changeIndex.offset()).varint(changeIndex.sealedLength());
        w.varint(changeIndex.plainLength());
      }
    }
    w.u8(filter.probes()).varint(filter.bits()).bytes(filter.toBytes());
    return w.toByteArray();
  }

  static SegmentFooter decode(byte[] plain, int version) throws ByteReader.Malformed {
    ByteReader r = new ByteReader(plain);
    String objectName = r.string();
    long rows = r.varint();
    long tombstones = r.varint();
    String minId = r.ascii(RecordVersion.ID_LENGTH);
    String maxId = r.ascii(RecordVersion.ID_LENGTH);
    long minModstamp = r.i64();
    long maxModstamp = r.i64();
    int nFields = r.count(100_000);
    FieldSchema[] fields = new FieldSchema[nFields];
    try {
      for (int i = 0; i < nFields; i++) {
        fields[i] =
            new FieldSchema(
                r.string(), r.string(), r.count(1 << 30), r.count(1 << 30), r.count(1 << 30));
      }
    } catch (IllegalArgumentException e) {
      throw new ByteReader.Malformed("invalid field: " + e.getMessage());
    }
    int nBlocks = r.count(1 << 24);
    BlockEntry[] blocks = new BlockEntry[nBlocks];
    for (int i = 0; i < nBlocks; i++) {
      blocks[i] =
          new BlockEntry(
              r.ascii(RecordVersion.ID_LENGTH),
              r.varint(),
              r.count(SegmentFormat.MAX_PLAIN_BYTES + 1024),
              r.count(SegmentFormat.MAX_PLAIN_BYTES),
              r.count(Integer.MAX_VALUE));
    }
    Section textIndex = null;
    if (version >= SegmentFormat.VERSION_2) {
      textIndex =
          new Section(
              r.varint(),
              r.count(SegmentFormat.MAX_TEXT_INDEX_BYTES + 1024),
              r.count(SegmentFormat.MAX_TEXT_INDEX_BYTES));
    }
    Section changeIndex = null;
    if (version >= SegmentFormat.VERSION) {
      int present = r.u8();
      if (present > 1) {
        throw new ByteReader.Malformed("unknown change index marker " + present);
      }
      if (present == 1) {
        changeIndex =
            new Section(
                r.varint(),
                r.count(SegmentFormat.MAX_CHANGE_INDEX_BYTES + 1024),
                r.count(SegmentFormat.MAX_CHANGE_INDEX_BYTES));
      }
    }
    int probes = r.u8();
    long bits = r.varint();
    if (probes < 1 || probes > IdFilter.MAX_PROBES || bits < 1 || (bits + 7) / 8 != r.remaining()) {
      throw new ByteReader.Malformed("Id filter sizes do not match the footer");
    }
    IdFilter filter = IdFilter.of(bits, probes, r.bytes(r.remaining()));
    FieldDictionary dict;
    try {
      dict = new FieldDictionary(List.of(fields));
    } catch (IllegalArgumentException e) {
      throw new ByteReader.Malformed(e.getMessage());
    }
    return new SegmentFooter(
        objectName,
        rows,
        tombstones,
        minId,
        maxId,
        minModstamp,
        maxModstamp,
        dict,
        List.of(blocks),
        textIndex,
        changeIndex,
        filter);
  }
}
