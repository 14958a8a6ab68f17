package io.orgvault.simulator.org;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Computes the value of a generated field from (seed, field, record number, revision) alone, so an
 * org of millions of rows costs a few bytes per row: nothing is materialised until a client reads
 * it, and the same seed always yields the same org.
 */
final class ValueGenerator {
  /** Generated file bodies lie between these sizes. */
  static final int MIN_BLOB_BYTES = 256;

  static final int MAX_BLOB_BYTES = 48 * 1024;

  private static final String[] FIRST = {
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "John",
    "Radia", "Edsger", "Karen", "Tim", "Hedy", "Donald", "Sophie", "Niklaus", "Anita", "Guido"
  };
  private static final String[] LAST = {
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "Backus",
    "Perlman",
    "Dijkstra",
    "Jones",
    "Berners-Lee",
    "Lamarr",
    "Knuth",
    "Wilson",
    "Wirth",
    "Borg",
    "van Rossum"
  };
  private static final String[] COMPANY_A = {
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Cyberdyne",
    "Tyrell",
    "Soylent",
    "Aperture",
    "Massive",
    "Wonka",
    "Gringotts",
    "Oscorp"
  };
  private static final String[] COMPANY_B = {
    "Industries",
    "Holdings",
    "Labs",
    "Systems",
    "Partners",
    "Logistics",
    "Foods",
    "Energy",
    "Health",
    "Software"
  };
  private static final String[] CITY = {
    "Berlin", "Paris", "Lisbon", "Oslo", "Austin", "Toronto", "Sydney", "Osaka", "Nairobi", "Lima",
    "Dublin", "Prague", "Seoul", "Denver", "Zurich"
  };
  private static final String[] COUNTRY = {
    "Germany", "France", "Portugal", "Norway", "United States", "Canada", "Australia", "Japan"
  };
  private static final String[] TITLE = {
    "CEO",
    "CFO",
    "VP Sales",
    "Engineer",
    "Buyer",
    "Director of IT",
    "Office Manager",
    "Analyst",
    "Consultant",
    "Head of Operations"
  };
  private static final String[] WORDS = {
    "renewal", "quarterly", "review", "contract", "shipment", "invoice", "follow", "up",
    "pricing", "onboarding", "escalation", "migration", "support", "license", "upgrade", "audit",
    "budget", "meeting", "proposal", "feedback", "delivery", "schedule", "training", "release"
  };
  private static final String[] EXT = {"pdf", "docx", "xlsx", "png", "txt", "csv"};
  private static final String[] MIME = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/png",
    "text/plain",
    "text/csv"
  };

  private final long seed;
  private final Instant epoch;
  private final Catalog catalog;

  ValueGenerator(long seed, Instant epoch, Catalog catalog) {
    this.seed = seed;
    this.epoch = epoch;
    this.catalog = catalog;
  }

  /** {@link #mix(long...)} of four values, without the array on the hot path. */
  static long mix(long a, long b, long c, long d) {
    return step(step(step(step(0x9E3779B97F4A7C15L, a), b), c), d);
  }

  private static long step(long h, long p) {
    h ^= p;
    h += 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  /** SplitMix64: a fast, well-mixed hash of the inputs. */
  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h ^= p;
      h += 0x9E3779B97F4A7C15L;
      h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
      h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
      h ^= h >>> 31;
    }
    return h;
  }

  private long h(String salt, long seq, int rev) {
    return mix(seed, salt.hashCode(), seq, rev);
  }

  /**
   * The hash salt of a field: its object and name, except for file fields, which share one salt so
   * a ContentDocument and its ContentVersion agree on title, size and body.
   */
  static int salt(SObjectSchema object, FieldDef f) {
    return isFileKind(f.generator())
        ? f.generator().hashCode()
        : (object.name() + "." + f.name()).hashCode();
  }

  private static int pick(long h, int n) {
    return (int) Math.floorMod(h, (long) n);
  }

  /**
   * When generated row {@code seq} of an object was created: spread over the three years before
   * epoch.
   */
  long createdMillis(String object, long seq) {
    long span = 3L * 365 * 24 * 3600 * 1000;
    return epoch.toEpochMilli() - span + Math.floorMod(mix(seed, object.hashCode(), seq), span);
  }

  /** The last modification of a generated row: between its creation and the epoch. */
  long modifiedMillis(String object, long seq, long created) {
    long span = epoch.toEpochMilli() - created;
    return span <= 0 ? created : created + Math.floorMod(mix(seed, ~object.hashCode(), seq), span);
  }

  /**
   * The value of generated field {@code fieldIndex} for row {@code seq} (1-based) at revision
   * {@code rev}.
   *
   * @param counts resolves how many rows another object had when the org was generated
   */
  Object value(SObjectSchema object, int fieldIndex, long seq, int rev, ObjectCounts counts) {
    FieldDef f = object.fields().get(fieldIndex);
    int r = f.mutable() ? rev : 0;
    long h = mix(seed, object.salt(fieldIndex), seq, r);
    return switch (f.generator()) {
      case "none", "fullName" -> null; // fullName is derived by ObjectTable from the name parts
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "one" -> "1";
      case "bool" -> (h & 1) == 0;
      case "firstName" -> FIRST[pick(h, FIRST.length)];
      case "lastName" -> LAST[pick(h, LAST.length)];
      case "alias" -> ("u" + seq).length() > 8 ? ("u" + seq).substring(0, 8) : "u" + seq;
      case "username" -> "user" + seq + "@orgvault.sim";
      case "email" -> FIRST[pick(h, FIRST.length)].toLowerCase() + "." + seq + "@example.com";
      case "company" ->
          COMPANY_A[pick(h, COMPANY_A.length)]
              + " "
              + COMPANY_B[pick(h >>> 16, COMPANY_B.length)]
              + " "
              + seq;
      case "deal" -> COMPANY_A[pick(h, COMPANY_A.length)] + " " + WORDS[pick(h >>> 8, 24)];
      case "accountNumber" -> "AC-" + (100000 + seq);
      case "projectCode" -> "PRJ-" + seq;
      case "projectName" -> "Project " + WORDS[pick(h, WORDS.length)] + " " + seq;
      case "milestoneName" -> "Milestone " + (1 + pick(h, 9));
      case "caseNumber" -> zeroPadded(seq, 8);
      case "title" -> TITLE[pick(h, TITLE.length)];
      case "phone" ->
          "+1 "
              + (200 + pick(h, 700))
              + " "
              + zeroPadded(pick(h >>> 12, 1000), 3)
              + " "
              + zeroPadded(pick(h >>> 24, 10000), 4);
      case "website" -> "https://www.example" + seq + ".com";
      case "street" -> (1 + pick(h, 999)) + " " + WORDS[pick(h >>> 10, WORDS.length)] + " Street";
      case "city" -> CITY[pick(h, CITY.length)];
      case "country" -> COUNTRY[pick(h, COUNTRY.length)];
      case "sentence" -> sentence(h);
      case "taskSubject" -> capitalise(WORDS[pick(h, WORDS.length)]) + " call";
      case "picklist" -> f.picklistValues().get(pick(h, f.picklistValues().size()));
      case "shareType" -> "V";
      case "amount" -> (double) (pick(h, 1_000_000) * 10L) / 10.0 + 1000.0;
      case "employees" -> 1 + pick(h, 50000);
      case "percent" -> (double) pick(h, 101);
      case "birthdate" -> LocalDate.of(1950, 1, 1).plusDays(pick(h, 50 * 365));
      case "futureDate" -> LocalDate.ofInstant(epoch, ZoneOffset.UTC).plusDays(pick(h, 400) - 100L);
      case "account" -> ref("Account", h, counts);
      case "contact" -> ref("Contact", h, counts);
      case "project" -> ref("Project__c", h, counts);
      case "owner" -> ref("User", h, counts);
      case "parentAccount" ->
          pick(h, 10) == 0 && seq > 1 ? refSeq("Account", 1 + pick(h >>> 8, (int) seq - 1)) : null;
      case "sameSeq" -> refSeq(f.referenceTo().get(0), seq);
      case "fileTitle" -> capitalise(WORDS[pick(h, WORDS.length)]) + " document " + seq;
      case "fileExtension" -> EXT[pick(h(("fileExtension"), seq, 0), EXT.length)];
      case "fileName" ->
          WORDS[pick(h, WORDS.length)]
              + "-"
              + seq
              + "."
              + EXT[pick(h("fileExtension", seq, 0), EXT.length)];
      case "contentType" -> MIME[pick(h("fileExtension", seq, 0), MIME.length)];
      case "pathOnClient" ->
          capitalise(WORDS[pick(h("fileTitle", seq, 0), WORDS.length)])
              + " document "
              + seq
              + "."
              + EXT[pick(h("fileExtension", seq, 0), EXT.length)];
      case "blobSize" -> blobSize(seq);
      case "blob" -> blob(seq);
      default -> throw new IllegalStateException("no generator " + f.generator());
    };
  }

  int blobSize(long seq) {
    return MIN_BLOB_BYTES + pick(h("blob", seq, 0), MAX_BLOB_BYTES - MIN_BLOB_BYTES);
  }

  /** A generated file body: readable lines of text, different for every record number. */
  byte[] blob(long seq) {
    int size = blobSize(seq);
    byte[] out = new byte[size];
    long h = h("blobBody", seq, 0);
    int pos = 0;
    while (pos < size) {
      h = mix(h);
      byte[] word =
          (WORDS[pick(h, WORDS.length)] + ((h & 7) == 0 ? "\n" : " "))
              .getBytes(StandardCharsets.US_ASCII);
      int n = Math.min(word.length, size - pos);
      System.arraycopy(word, 0, out, pos, n);
      pos += n;
    }
    return out;
  }

  /** Like {@code String.format("%0Nd")}, without the formatter's cost on a hot path. */
  static String zeroPadded(long n, int width) {
    String digits = Long.toString(n);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  private static boolean isFileKind(String kind) {
    return switch (kind) {
      case "fileTitle", "fileExtension", "blobSize", "blob", "pathOnClient", "fileName" -> true;
      default -> false;
    };
  }

  private String sentence(long h) {
    StringBuilder sb = new StringBuilder();
    int n = 4 + pick(h, 8);
    for (int i = 0; i < n; i++) {
      h = mix(h);
      sb.append(i == 0 ? capitalise(WORDS[pick(h, WORDS.length)]) : WORDS[pick(h, WORDS.length)]);
      sb.append(i == n - 1 ? "." : " ");
    }
    return sb.toString();
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String ref(String object, long h, ObjectCounts counts) {
    int n = counts.generated(object);
    return n == 0 ? null : refSeq(object, 1 + pick(h, n));
  }

  private String refSeq(String object, long seq) {
    return SalesforceId.of(catalog.object(object).keyPrefix(), seq);
  }

  /** How many rows each object had when the org was generated. */
  interface ObjectCounts {
    int generated(String object);
  }
}
