package io.orgvault.audit.syslog;

import io.orgvault.audit.Events;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.CanonicalForm;
import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.event.ChainedEvent;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link SyslogShipperTest}: queues events 1..n of a tenant as a shipper
 * whose server is down would, says "queued", then waits to be killed with SIGKILL.
 */
public final class QueueFillerMain {
  private QueueFillerMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String tenant = args[1];
    int n = Integer.parseInt(args[2]);
    DiskQueue q = DiskQueue.open(dir, 1 << 24, 4096, FsyncPolicy.EVERY_RECORD);
    ChainHash prev = ChainHash.GENESIS;
    for (int i = 1; i <= n; i++) {
      AuditEvent e = Events.login(tenant, i);
      ChainHash h = ChainHash.sha256(CanonicalForm.v1(e, i, prev));
      if (!q.offer(SyslogShipperTest.FORMAT.format(new ChainedEvent(i, e, prev, h)))) {
        throw new IllegalStateException("refused");
      }
      prev = h;
    }
    System.out.println("queued " + n);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
