package io.orgvault.engine.backup;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.RetryPolicy;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.ObjectTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A simulated org, a store on a temporary volume, and clients for backup runs. */
final class BackupFixture implements AutoCloseable {
  static final String TENANT = "tenant-acme";

  final Simulator sim;
  final Path volume;
  final Path kekFile;

  BackupFixture(int contacts, Path dir) throws IOException {
    this.sim = Simulator.builder().contacts(contacts).port(0).start();
    this.volume = dir.resolve("volume");
    this.kekFile = dir.resolve("kek");
    FileKeyEncryptionKey.generate(kekFile);
    RecordStore.create(volume, TENANT, FileKeyEncryptionKey.load(kekFile)).close();
  }

  static ClientOptions.Builder options() {
    return ClientOptions.builder()
        .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 5)))
        .random(new java.util.Random(1))
        .retryPolicy(new RetryPolicy(25, Duration.ofMillis(100), Duration.ofSeconds(5)))
        .bulkPolling(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMinutes(5))
        .budgetFraction(1.0);
  }

  SalesforceClient client() {
    return client(options().build());
  }

  SalesforceClient client(ClientOptions options) {
    String token = sim.issueToken(sim.org().integrationUserId());
    return SalesforceClient.connect(
        TokenSource.fixed(token, sim.baseUrl()), TrustStores.trusting(sim.trustStore()), options);
  }

  RecordStore openStore() {
    return openStore(volume);
  }

  RecordStore openStore(Path v) {
    try {
      return RecordStore.open(v, TENANT, FileKeyEncryptionKey.load(kekFile));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A copy of an empty store, so it has the same data key: backups of one org into both hold equal
   * blob references and compare record by record.
   */
  Path emptyStoreTwin(Path emptyStore, String name) throws IOException {
    Path twin = volume.resolveSibling(name);
    try (var paths = Files.walk(emptyStore)) {
      for (Path p : paths.toList()) {
        Files.copy(p, twin.resolve(emptyStore.relativize(p).toString()));
      }
    }
    return twin;
  }

  /** A new empty store next to the fixture's volume. */
  Path newStore(String name) throws IOException {
    Path v = volume.resolveSibling(name);
    RecordStore.create(v, TENANT, FileKeyEncryptionKey.load(kekFile)).close();
    return v;
  }

  BackupResult backup(Path v, SalesforceClient client, BackupOptions options, ProgressSink sink) {
    try (RecordStore store = openStore(v)) {
      return new BackupJob(client, store, sim.org().orgId(), options, sink).run();
    }
  }

  BackupResult backup(BackupOptions options) {
    return backup(client(), options, ProgressSink.discard());
  }

  BackupResult backup(SalesforceClient client, BackupOptions options, ProgressSink sink) {
    try (RecordStore store = openStore()) {
      return new BackupJob(client, store, sim.org().orgId(), options, sink).run();
    }
  }

  /** The live Ids of an object in the org with their SystemModstamps. */
  Map<String, Long> orgRows(String object) {
    ObjectTable t = sim.org().table(object);
    Map<String, Long> out = new TreeMap<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r)) {
        out.put(t.id(r), t.systemModstamp(r));
      }
    }
    return out;
  }

  /** The live Ids of an object in a backup with their SystemModstamps. */
  static Map<String, Long> snapshotRows(Snapshot s, String object) {
    Map<String, Long> out = new TreeMap<>();
    try (RecordStream rs = s.records(object)) {
      for (Iterator<RecordVersion> it = rs; it.hasNext(); ) {
        RecordVersion v = it.next();
        if (out.put(v.id(), v.systemModstamp()) != null) {
          throw new AssertionError("duplicate " + v.id());
        }
      }
    }
    return out;
  }

  static Set<String> ids(Map<String, Long> rows) {
    return new TreeSet<>(rows.keySet());
  }

  @Override
  public void close() {
    sim.close();
  }

  static Path tempDir() throws IOException {
    return Files.createTempDirectory("orgvault-backup");
  }
}
