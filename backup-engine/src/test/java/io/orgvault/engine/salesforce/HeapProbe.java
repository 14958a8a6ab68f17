package io.orgvault.engine.salesforce;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * Run in a child JVM with a small heap by {@link BoundedHeapTest}: extracts one object from a
 * simulator and counts the records without keeping them. The session arrives on stdin (never in
 * argv); it prints {@code COUNT <n> KEPT <k> PEAK_HEAP_MB <m>}. With {@code keep} it holds every
 * record, as a control that the heap is too small for that.
 */
public final class HeapProbe {
  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    URI baseUrl = URI.create(in.readLine());
    String session = in.readLine();
    Path trustStoreFile = Path.of(in.readLine());
    ExtractionMethod method = ExtractionMethod.valueOf(in.readLine());
    String object = in.readLine();
    boolean keep = Boolean.parseBoolean(in.readLine()); // the control: hold every record
    java.util.List<SalesforceRecord> kept = new java.util.ArrayList<>();

    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream f = Files.newInputStream(trustStoreFile)) {
      trust.load(f, "trust".toCharArray());
    }
    SalesforceClient client =
        SalesforceClient.connect(
            TokenSource.fixed(session, baseUrl),
            TrustStores.trusting(trust),
            ClientOptions.builder().sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20))).build());
    long count = 0;
    try (Extraction e =
        client.extract(ExtractionRequest.of(client.describe(object)).method(method).build())) {
      while (e.hasNext()) {
        SalesforceRecord r = e.next();
        if (keep) {
          kept.add(r);
        }
        count++;
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("COUNT " + count + " KEPT " + kept.size() + " PEAK_HEAP_MB " + (peak >> 20));
  }
}
