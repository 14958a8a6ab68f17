package io.orgvault.engine.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text index section of a version-2 segment, decrypted: the sorted distinct words of the
 * searchable fields with the ascending row ordinals holding each, and the rows that hit a word
 * limit ({@link TextTokens}) and are therefore candidates for every query. Holds the plain bytes
 * and one offset per word; postings are decoded only for the words a query touches.
 *
 * <p>Plain layout: varint word count; per word, in ascending {@code String} order: string word,
 * varint posting count (≥ 1), that many varints (first ordinal, then gaps ≥ 1); varint unindexed
 * row count, that many varints (first ordinal, then gaps ≥ 1).
 */
final class TextIndex {
  private final byte[] plain;
  private final int[] wordAt;
  private final int unindexedAt;

  private TextIndex(byte[] plain, int[] wordAt, int unindexedAt) {
    this.plain = plain;
    this.wordAt = wordAt;
    this.unindexedAt = unindexedAt;
  }

  /** One word's rows while building: gap-coded ordinals, their count and the last one. */
  private static final class Posting {
    final ByteWriter gaps = new ByteWriter(4);
    long count;
    long last = -1;
  }

  /** Collects the words of each row as the writer goes; rows arrive by ascending ordinal. */
  static final class Builder {
    private final List<String> searchable;
    private final Map<String, Posting> postings = new HashMap<>();
    private final ByteWriter unindexed = new ByteWriter(64);
    private long unindexedCount;
    private long lastUnindexed = -1;

    Builder(FieldDictionary fields) {
      this.searchable = TextTokens.searchableFields(fields.fields());
    }

    void add(long ordinal, RecordVersion row) {
      if (searchable.isEmpty() || row.isTombstone()) {
        return;
      }
      int total = 0;
      boolean cut = false;
      for (String f : searchable) {
        if (!(row.fields().get(f) instanceof String s)) {
          continue;
        }
        List<String> words = TextTokens.words(s);
        if (words.size() > TextTokens.MAX_TOKENS_PER_FIELD) {
          words = words.subList(0, TextTokens.MAX_TOKENS_PER_FIELD);
          cut = true;
        }
        for (String w : words) {
          if (total == TextTokens.MAX_TOKENS_PER_ROW) {
            cut = true;
            break;
          }
          total++;
          Posting p = postings.computeIfAbsent(TextTokens.indexForm(w), t -> new Posting());
          if (p.last == ordinal) {
            continue; // a row lists each word once
          }
          p.gaps.varint(p.last < 0 ? ordinal : ordinal - p.last);
          p.last = ordinal;
          p.count++;
        }
      }
      if (cut) {
        unindexed.varint(lastUnindexed < 0 ? ordinal : ordinal - lastUnindexed);
        lastUnindexed = ordinal;
        unindexedCount++;
      }
    }

    /** The plain section; {@link SegmentFormat#MAX_TEXT_INDEX_BYTES} bounds it. */
    byte[] encode() {
      ByteWriter w = new ByteWriter(1024);
      List<String> words = new ArrayList<>(postings.keySet());
      words.sort(null);
      w.varint(words.size());
      for (String word : words) {
        Posting p = postings.get(word);
        w.string(word).varint(p.count).bytes(p.gaps.array(), 0, p.gaps.size());
      }
      w.varint(unindexedCount).bytes(unindexed.array(), 0, unindexed.size());
      if (w.size() > SegmentFormat.MAX_TEXT_INDEX_BYTES) {
        throw new IllegalStateException(
            "text index of " + w.size() + " bytes exceeds " + SegmentFormat.MAX_TEXT_INDEX_BYTES);
      }
      return w.toByteArray();
    }
  }

  /** Parses and checks the whole section against a segment of {@code rows} rows. */
  static TextIndex decode(byte[] plain, long rows) throws ByteReader.Malformed {
    ByteReader r = new ByteReader(plain);
    int words = r.count(plain.length);
    int[] wordAt = new int[words];
    String previous = null;
    for (int i = 0; i < words; i++) {
      wordAt[i] = r.position();
      String word = r.string();
      if (word.isEmpty() || word.length() > TextTokens.MAX_TOKEN_CHARS) {
        throw new ByteReader.Malformed("text index word of bad length");
      }
      if (previous != null && previous.compareTo(word) >= 0) {
        throw new ByteReader.Malformed("text index words are not in order");
      }
      previous = word;
      readOrdinals(r, rows, null, true);
    }
    int unindexedAt = r.position();
    readOrdinals(r, rows, null, false);
    if (!r.atEnd()) {
      throw new ByteReader.Malformed("bytes after the text index");
    }
    return new TextIndex(plain, wordAt, unindexedAt);
  }

  int words() {
    return wordAt.length;
  }

  /**
   * The ordinals of rows that may match: for every query word, the rows holding an index word it
   * starts (its index form), intersected; plus the unindexed rows.
   */
  BitSet candidates(List<String> queryWords) {
    BitSet result = null;
    try {
      for (String q : queryWords) {
        String key = TextTokens.indexForm(q);
        BitSet any = new BitSet();
        for (int i = firstAtOrAfter(key); i < wordAt.length; i++) {
          ByteReader r = new ByteReader(plain);
          r.reset(wordAt[i]);
          if (!r.string().startsWith(key)) {
            break;
          }
          readOrdinals(r, Long.MAX_VALUE, any, true);
        }
        if (result == null) {
          result = any;
        } else {
          result.and(any);
        }
      }
      if (result == null) {
        result = new BitSet();
      }
      ByteReader r = new ByteReader(plain);
      r.reset(unindexedAt);
      readOrdinals(r, Long.MAX_VALUE, result, false);
    } catch (ByteReader.Malformed e) {
      throw new IllegalStateException("text index changed after it was checked", e);
    }
    return result;
  }

  private int firstAtOrAfter(String key) throws ByteReader.Malformed {
    int lo = 0;
    int hi = wordAt.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      ByteReader r = new ByteReader(plain);
      r.reset(wordAt[mid]);
      if (r.string().compareTo(key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void readOrdinals(ByteReader r, long rows, BitSet into, boolean nonEmpty)
      throws ByteReader.Malformed {
    int n = r.count(r.remaining());
    if (nonEmpty && n < 1) {
      throw new ByteReader.Malformed("text index word without rows");
    }
    long ordinal = -1;
    for (int k = 0; k < n; k++) {
      long gap = r.varint();
      if (k > 0 && gap < 1) {
        throw new ByteReader.Malformed("text index ordinals are not ascending");
      }
      ordinal = k == 0 ? gap : ordinal + gap;
      if (ordinal >= rows || ordinal > Integer.MAX_VALUE) {
        throw new ByteReader.Malformed("text index ordinal beyond the segment's rows");
      }
      if (into != null) {
        into.set((int) ordinal);
      }
    }
  }

  /** For tests and the bench: every distinct word, in order. */
  List<String> allWords() {
    List<String> out = new ArrayList<>(wordAt.length);
    try {
      for (int at : wordAt) {
        ByteReader r = new ByteReader(plain);
        r.reset(at);
        out.add(r.string());
      }
    } catch (ByteReader.Malformed e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
