package io.orgvault.engine.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Takes, lists, restores and prunes the snapshots of one store at one {@link SnapshotTarget}.
 *
 * <p>Run it where nothing writes the store at the same time (the platform runs it on the tenant's
 * job, like backups and retention): it reads files that backups create and garbage collection
 * deletes. Every file it uploads is store ciphertext; it never opens the store.
 */
public final class VolumeSnapshots {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int COPY_BUFFER_BYTES = 64 * 1024;

  /** Files uploaded at once: S3 takes many requests in parallel, each file is one or more. */
  static final int UPLOADS = 8;

  /** Multipart uploads older than this are abandoned ones: prune aborts them. */
  static final Duration STALE_UPLOAD = Duration.ofDays(1);

  private final S3Client s3;
  private final SnapshotTarget target;
  private final Clock clock;
  private final long multipartThreshold;
  private final int partBytes;
  private final SecureRandom random = new SecureRandom();

  public VolumeSnapshots(S3Client s3, SnapshotTarget target, Clock clock) {
    this(s3, target, clock, SnapshotLayout.MULTIPART_THRESHOLD_BYTES, SnapshotLayout.PART_BYTES);
  }

  /** With other multipart sizes (tests: S3 takes parts of 5 MiB and more but the last). */
  VolumeSnapshots(
      S3Client s3, SnapshotTarget target, Clock clock, long multipartThreshold, int partBytes) {
    this.s3 = s3;
    this.target = target;
    this.clock = clock;
    this.multipartThreshold = multipartThreshold;
    this.partBytes = partBytes;
  }

  // ---------------------------------------------------------------------------------- snapshot

  /**
   * Uploads what the bucket lacks of the store ({@link #UPLOADS} at a time), then the manifest that
   * makes it a snapshot.
   */
  public SnapshotResult snapshot(Path store, String tenant, String orgId) {
    Map<String, SnapshotFile> before = new HashMap<>();
    latest().ifPresent(m -> m.files().forEach(f -> before.put(f.path(), f)));
    // what the bucket holds, from this store's earlier snapshots or an interrupted one: one
    // listing instead of a HEAD per file
    Map<String, Long> held = new HashMap<>();
    String objects = target.prefix() + SnapshotLayout.OBJECTS;
    for (S3Object o :
        s3.listObjectsV2Paginator(b -> b.bucket(target.bucket()).prefix(objects)).contents()) {
      held.put(o.key().substring(objects.length()), o.size());
    }
    List<SnapshotFile> files = new ArrayList<>();
    Map<String, SnapshotFile> toUpload = new java.util.LinkedHashMap<>();
    int already = 0;
    long bytesAlready = 0;
    for (String path : snapshotted(store)) {
      Path file = store.resolve(path);
      long size = size(file, path);
      SnapshotFile known = before.get(path);
      // immutable files keep their digest; the key file is replaced in place by a KEK rotation
      String sha =
          known != null && known.size() == size && !path.startsWith("keys/")
              ? known.sha256()
              : Digests.of(file, path).sha256();
      SnapshotFile f = new SnapshotFile(path, sha, size);
      files.add(f);
      if (Long.valueOf(size).equals(held.get(sha)) || toUpload.containsKey(sha)) {
        already++;
        bytesAlready += size;
      } else {
        toUpload.put(sha, f);
      }
    }
    AtomicInteger resumed = new AtomicInteger();
    long bytesUp = uploadAll(store, toUpload.values(), resumed);
    Instant now = clock.instant();
    String id = ID_TIME.format(now) + "-" + HexFormat.of().formatHex(randomBytes(4));
    SnapshotManifest manifest = new SnapshotManifest(id, now, tenant, orgId, files);
    // the manifest goes last: a snapshot exists only once everything it lists does
    s3.putObject(
        withEncryption(
                PutObjectRequest.builder()
                    .bucket(target.bucket())
                    .key(target.manifestKey(id))
                    .contentType("application/json"))
            .build(),
        RequestBody.fromBytes(manifest.toJson()));
    return new SnapshotResult(
        manifest, toUpload.size(), bytesUp, already, bytesAlready, resumed.get());
  }

  /**
   * Uploads files in parallel; the first failure stops the rest and is thrown, so no manifest is
   * written (the next run finds what did arrive and sends the remainder).
   */
  private long uploadAll(
      Path store, java.util.Collection<SnapshotFile> files, AtomicInteger resumed) {
    if (files.isEmpty()) {
      return 0;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(UPLOADS, files.size()));
    try {
      List<Future<Long>> done = new ArrayList<>();
      for (SnapshotFile f : files) {
        done.add(
            pool.submit(
                () -> {
                  upload(store.resolve(f.path()), f, resumed);
                  return f.size();
                }));
      }
      long bytes = 0;
      for (Future<Long> d : done) {
        try {
          bytes += d.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new SnapshotException("an upload failed", e.getCause());
        }
      }
      return bytes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("interrupted while uploading a snapshot", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Store-relative paths of the files snapshots hold, manifests first (see the class comment). */
  static List<String> snapshotted(Path store) {
    List<String> out = new ArrayList<>();
    for (String dir : List.of("manifests", "keys", "segments", "blobs")) {
      Path d = store.resolve(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(d)) {
        walk.filter(Files::isRegularFile)
            .map(p -> store.relativize(p).toString().replace('\\', '/'))
            .filter(SnapshotLayout::isSnapshotted)
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + d, e);
      }
    }
    return out;
  }

  private static long size(Path file, String path) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new SnapshotException(
          path + " disappeared while the snapshot ran: something changed the store meanwhile");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private boolean exists(String key, long size) {
    try {
      return s3.headObject(b -> b.bucket(target.bucket()).key(key)).contentLength() == size;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private void upload(Path file, SnapshotFile f, AtomicInteger resumed) {
    String key = target.objectKey(f.sha256());
    if (f.size() <= multipartThreshold) {
      s3.putObject(
          withEncryption(
                  PutObjectRequest.builder()
                      .bucket(target.bucket())
                      .key(key)
                      .contentLength(f.size())
                      .contentMD5(Digests.of(file, f.path()).md5Base64()))
              .build(),
          RequestBody.fromFile(file));
    } else {
      resumed.addAndGet(uploadInParts(file, f, key));
    }
    // read back what S3 now holds under the key before the manifest may name it
    if (!exists(key, f.size())) {
      throw new SnapshotException(f.path() + ": S3 does not hold the object just uploaded");
    }
  }

  /**
   * A multipart upload that continues one an interrupted snapshot left: parts S3 holds with the MD5
   * of the local bytes stay, the rest go up. Returns how many parts it kept.
   */
  private int uploadInParts(Path file, SnapshotFile f, String key) {
    String uploadId = openUpload(key).orElse(null);
    Map<Integer, String> held = new HashMap<>();
    if (uploadId == null) {
      CreateMultipartUploadRequest.Builder create =
          CreateMultipartUploadRequest.builder().bucket(target.bucket()).key(key);
      target.serverSideEncryption().ifPresent(create::serverSideEncryption);
      target.kmsKeyId().ifPresent(create::ssekmsKeyId);
      target
          .objectLockMode()
          .ifPresent(
              m ->
                  create
                      .objectLockMode(ObjectLockMode.fromValue(m))
                      .objectLockRetainUntilDate(
                          clock.instant().plus(target.objectLockRetention())));
      uploadId = s3.createMultipartUpload(create.build()).uploadId();
    } else {
      String id = uploadId;
      Integer marker = null;
      while (true) {
        Integer m = marker;
        ListPartsResponse parts =
            s3.listParts(
                b -> {
                  b.bucket(target.bucket()).key(key).uploadId(id);
                  if (m != null) {
                    b.partNumberMarker(m);
                  }
                });
        for (Part p : parts.parts()) {
          held.put(p.partNumber(), unquote(p.eTag()));
        }
        if (!Boolean.TRUE.equals(parts.isTruncated())) {
          break;
        }
        marker = parts.nextPartNumberMarker();
      }
    }
    int kept = 0;
    List<CompletedPart> done = new ArrayList<>();
    byte[] buffer = new byte[partBytes];
    try (InputStream in = Files.newInputStream(file)) {
      for (int part = 1; ; part++) {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n == 0) {
          break;
        }
        byte[] md5 = Digests.md5(buffer, n);
        String hex = HexFormat.of().formatHex(md5);
        String etag;
        if (hex.equals(held.get(part))) {
          etag = held.get(part);
          kept++;
        } else {
          String id = uploadId;
          int number = part;
          etag =
              unquote(
                  s3.uploadPart(
                          b ->
                              b.bucket(target.bucket())
                                  .key(key)
                                  .uploadId(id)
                                  .partNumber(number)
                                  .contentLength((long) n)
                                  .contentMD5(Base64.getEncoder().encodeToString(md5)),
                          RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, n)))
                      .eTag());
        }
        done.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
        if (n < buffer.length) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f.path(), e);
    }
    String id = uploadId;
    s3.completeMultipartUpload(
        b ->
            b.bucket(target.bucket())
                .key(key)
                .uploadId(id)
                .multipartUpload(CompletedMultipartUpload.builder().parts(done).build()));
    return kept;
  }

  /** The newest unfinished multipart upload of exactly this key, if an earlier run left one. */
  private Optional<String> openUpload(String key) {
    ListMultipartUploadsResponse r =
        s3.listMultipartUploads(b -> b.bucket(target.bucket()).prefix(key));
    return r.uploads().stream()
        .filter(u -> u.key().equals(key))
        .max(Comparator.comparing(MultipartUpload::initiated))
        .map(MultipartUpload::uploadId);
  }

  private static String unquote(String etag) {
    return etag == null ? null : etag.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
  }

  private PutObjectRequest.Builder withEncryption(PutObjectRequest.Builder b) {
    target
        .serverSideEncryption()
        .ifPresent(s -> b.serverSideEncryption(ServerSideEncryption.fromValue(s)));
    target.kmsKeyId().ifPresent(b::ssekmsKeyId);
    target
        .objectLockMode()
        .ifPresent(
            m ->
                b.objectLockMode(ObjectLockMode.fromValue(m))
                    .objectLockRetainUntilDate(clock.instant().plus(target.objectLockRetention())));
    return b;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  // ---------------------------------------------------------------------------------- reading

  /** Snapshot ids at the target, oldest first. */
  public List<String> list() {
    String prefix = target.prefix() + SnapshotLayout.SNAPSHOTS;
    List<String> ids = new ArrayList<>();
    for (S3Object o :
        s3.listObjectsV2Paginator(b -> b.bucket(target.bucket()).prefix(prefix)).contents()) {
      String name = o.key().substring(prefix.length());
      if (name.endsWith(".json")) {
        String id = name.substring(0, name.length() - ".json".length());
        if (SnapshotLayout.isSnapshotId(id)) {
          ids.add(id);
        }
      }
    }
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

  public Optional<SnapshotManifest> latest() {
    List<String> ids = list();
    return ids.isEmpty() ? Optional.empty() : Optional.of(manifest(ids.get(ids.size() - 1)));
  }

  /**
   * Reads one snapshot's manifest.
   *
   * @throws SnapshotFormatException if it is malformed or of an unknown version
   */
  public SnapshotManifest manifest(String id) {
    if (!SnapshotLayout.isSnapshotId(id)) {
      throw new IllegalArgumentException("not a snapshot id");
    }
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(b -> b.bucket(target.bucket()).key(target.manifestKey(id)))) {
      byte[] json = in.readNBytes(SnapshotManifest.MAX_MANIFEST_BYTES + 1);
      if (json.length > SnapshotManifest.MAX_MANIFEST_BYTES) {
        throw new SnapshotFormatException("snapshot manifest " + id + " is too large");
      }
      SnapshotManifest m = SnapshotManifest.fromJson(json);
      if (!m.id().equals(id)) {
        throw new SnapshotFormatException("snapshot manifest " + id + " names another id");
      }
      return m;
    } catch (NoSuchKeyException e) {
      throw new SnapshotException(
          "no snapshot " + id + " at s3://" + target.bucket() + "/" + target.prefix());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read snapshot manifest " + id, e);
    }
  }

  // ---------------------------------------------------------------------------------- restore

  /**
   * Rebuilds the store of snapshot {@code id} in {@code volume}, which must be missing or empty:
   * every object is checked against its SHA-256 and size before it takes its final name.
   *
   * @throws SnapshotIntegrityException naming the first file whose object is wrong or missing
   */
  public SnapshotManifest restore(String id, Path volume) {
    SnapshotManifest m = manifest(id);
    try {
      Files.createDirectories(volume);
      try (Stream<Path> entries = Files.list(volume)) {
        if (entries.findAny().isPresent()) {
          throw new SnapshotException("restore needs an empty volume: " + volume + " is not");
        }
      }
      Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwx------"));
      for (String d : SnapshotLayout.STORE_DIRECTORIES) {
        Files.createDirectories(volume.resolve(d));
      }
      for (SnapshotFile f : m.files()) {
        fetch(f, volume);
      }
      try (Stream<Path> dirs = Files.walk(volume)) {
        for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
          fsyncDirectory(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore snapshot " + id + " into " + volume, e);
    }
    return m;
  }

  private void fetch(SnapshotFile f, Path volume) throws IOException {
    Path dest = volume.resolve(f.path());
    Files.createDirectories(dest.getParent());
    Path tmp = dest.resolveSibling(".restore-" + dest.getFileName());
    MessageDigest sha = Digests.newSha256();
    long n = 0;
    try (ResponseInputStream<GetObjectResponse> in =
            s3.getObject(b -> b.bucket(target.bucket()).key(target.objectKey(f.sha256())));
        DigestInputStream din = new DigestInputStream(in, sha);
        OutputStream out =
            Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[COPY_BUFFER_BYTES];
      int r;
      while ((r = din.read(buf)) > 0) {
        n += r;
        if (n > f.size()) {
          break;
        }
        out.write(buf, 0, r);
      }
    } catch (NoSuchKeyException e) {
      Files.deleteIfExists(tmp);
      throw new SnapshotIntegrityException(f.path(), "its object is missing from the bucket");
    } catch (FileAlreadyExistsException e) {
      throw new SnapshotException("a leftover " + tmp + " is in the way");
    }
    String got = HexFormat.of().formatHex(sha.digest());
    if (n != f.size() || !got.equals(f.sha256())) {
      Files.deleteIfExists(tmp);
      throw new SnapshotIntegrityException(
          f.path(),
          "the object in the bucket is not the file the snapshot lists (size or SHA-256)");
    }
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void fsyncDirectory(Path d) throws IOException {
    try (FileChannel c = FileChannel.open(d, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  // ---------------------------------------------------------------------------------- prune

  /**
   * Keeps the {@code keepLast} newest snapshots and deletes the rest, then every object no kept
   * snapshot lists, and multipart uploads abandoned for over a day. Objects S3 refuses to delete
   * (an object lock still running) stay and are counted.
   */
  public SnapshotPruneResult prune(int keepLast) {
    if (keepLast < 1) {
      throw new IllegalArgumentException("keep at least the newest snapshot");
    }
    List<String> ids = list();
    List<String> dropped = ids.subList(0, Math.max(0, ids.size() - keepLast));
    List<String> kept = ids.subList(dropped.size(), ids.size());
    Set<String> referenced = new HashSet<>();
    for (String id : kept) {
      manifest(id).files().forEach(f -> referenced.add(f.sha256()));
    }
    int retained = 0;
    for (String id : dropped) {
      retained += delete(target.manifestKey(id)) ? 0 : 1;
    }
    String prefix = target.prefix() + SnapshotLayout.OBJECTS;
    int objectsDeleted = 0;
    for (S3Object o :
        s3.listObjectsV2Paginator(b -> b.bucket(target.bucket()).prefix(prefix)).contents()) {
      String sha = o.key().substring(prefix.length());
      if (!referenced.contains(sha)) {
        if (delete(o.key())) {
          objectsDeleted++;
        } else {
          retained++;
        }
      }
    }
    Instant stale = clock.instant().minus(STALE_UPLOAD);
    int aborted = 0;
    for (MultipartUpload u :
        s3.listMultipartUploads(b -> b.bucket(target.bucket()).prefix(target.prefix())).uploads()) {
      if (u.initiated().isBefore(stale)) {
        s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(u.key()).uploadId(u.uploadId()));
        aborted++;
      }
    }
    return new SnapshotPruneResult(
        List.copyOf(kept), List.copyOf(dropped), objectsDeleted, retained, aborted);
  }

  private boolean delete(String key) {
    try {
      s3.deleteObject(b -> b.bucket(target.bucket()).key(key));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 403) {
        return false; // locked: it stays until its retention ends
      }
      throw e;
    }
  }
}
