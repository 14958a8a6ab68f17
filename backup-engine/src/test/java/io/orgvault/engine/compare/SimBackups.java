package io.orgvault.engine.compare;

import io.orgvault.engine.backup.BackupJob;
import io.orgvault.engine.backup.BackupOptions;
import io.orgvault.engine.backup.BackupResult;
import io.orgvault.engine.backup.ProgressSink;
import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.RetryPolicy;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.ObjectTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated org backed up into a store on a temporary volume, for the compare, browse and export
 * tests; and a picture of the org's own state (read from the simulator, not from the store) to
 * compute expected results independently of the code under test.
 */
public final class SimBackups implements AutoCloseable {
  public static final String TENANT = "tenant-acme";

  public final Simulator sim;
  public final Path dir;
  public final Path volume;
  public final Path kekFile;

  public SimBackups(int contacts) throws IOException {
    this.dir = Files.createTempDirectory("orgvault-compare");
    this.sim = Simulator.builder().contacts(contacts).port(0).start();
    this.volume = dir.resolve("volume");
    this.kekFile = dir.resolve("kek");
    FileKeyEncryptionKey.generate(kekFile);
    RecordStore.create(volume, TENANT, FileKeyEncryptionKey.load(kekFile)).close();
  }

  public RecordStore openStore() {
    try {
      return RecordStore.open(volume, TENANT, FileKeyEncryptionKey.load(kekFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one backup of every object the engine backs up; returns its number. */
  public long backup() {
    return backup(ProgressSink.discard());
  }

  /** A client of the simulated org, as the backups use. */
  public SalesforceClient client() {
    ClientOptions options =
        ClientOptions.builder()
            .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 5)))
            .random(new java.util.Random(1))
            .retryPolicy(new RetryPolicy(25, Duration.ofMillis(100), Duration.ofSeconds(5)))
            .bulkPolling(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMinutes(5))
            .budgetFraction(1.0)
            .build();
    String token = sim.issueToken(sim.org().integrationUserId());
    return SalesforceClient.connect(
        TokenSource.fixed(token, sim.baseUrl()), TrustStores.trusting(sim.trustStore()), options);
  }

  /** Runs one backup reporting to {@code sink}; returns its number. */
  public long backup(ProgressSink sink) {
    SalesforceClient client = client();
    try (RecordStore store = openStore()) {
      BackupResult r =
          new BackupJob(client, store, sim.org().orgId(), BackupOptions.defaults(), sink).run();
      if (!r.committed()) {
        throw new AssertionError("backup did not commit: " + r.stopReason());
      }
      return r.backupNumber().getAsLong();
    }
  }

  /**
   * The org's live records now, per object the store's backup {@code n} has, with the values of the
   * fields that backup's schema lists, read from the simulator. File bodies are their bytes.
   */
  public Map<String, Map<String, Map<String, Object>>> picture(long n) {
    Map<String, Map<String, Map<String, Object>>> out = new TreeMap<>();
    Manifest m;
    try (RecordStore store = openStore()) {
      m = store.manifest(n);
    }
    for (Manifest.ObjectEntry o : m.objects()) {
      ObjectTable t = sim.org().table(o.name());
      Map<String, Map<String, Object>> rows = new TreeMap<>();
      for (int r = 0; r < t.size(); r++) {
        if (!t.isLive(r)) {
          continue;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSchema f : o.schema()) {
          values.put(f.name(), t.value(r, f.name()));
        }
        rows.put(t.id(r), values);
      }
      out.put(o.name(), rows);
    }
    return out;
  }

  /** Expected field changes per object and Id, from two pictures: null value = added/deleted. */
  public static Map<String, Map<String, Object>> expectedDiff(
      Map<String, Map<String, Map<String, Object>>> a,
      Map<String, Map<String, Map<String, Object>>> b) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (String object : b.keySet()) {
      Map<String, Map<String, Object>> before = a.getOrDefault(object, Map.of());
      Map<String, Map<String, Object>> after = b.get(object);
      Map<String, Object> changes = new TreeMap<>();
      for (var e : after.entrySet()) {
        Map<String, Object> old = before.get(e.getKey());
        if (old == null) {
          changes.put(e.getKey(), ChangeKind.ADDED);
          continue;
        }
        Map<String, Object[]> fields = new TreeMap<>();
        for (var f : e.getValue().entrySet()) {
          if (old.containsKey(f.getKey()) && !sameOrgValue(old.get(f.getKey()), f.getValue())) {
            fields.put(f.getKey(), new Object[] {old.get(f.getKey()), f.getValue()});
          }
        }
        if (!fields.isEmpty()) {
          changes.put(e.getKey(), fields);
        }
      }
      for (String id : before.keySet()) {
        if (!after.containsKey(id)) {
          changes.put(id, ChangeKind.DELETED);
        }
      }
      out.put(object, changes);
    }
    return out;
  }

  static boolean sameOrgValue(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return java.util.Arrays.equals(x, y);
    }
    if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return java.util.Objects.equals(a, b);
  }

  @Override
  public void close() {
    sim.close();
  }
}
