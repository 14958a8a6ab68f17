package io.orgvault.web.health;

import io.orgvault.web.sandbox.SandboxSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only if the tenant volumes' root can take a new file (mounted, writable, not full). */
@Readiness
@ApplicationScoped
public class StorageHealth implements HealthCheck {
  @Inject SandboxSettings settings;

  @Override
  public HealthCheckResponse call() {
    Path root = settings.storageRoot();
    var r = HealthCheckResponse.named("tenant-storage").withData("root", root.toString());
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".health", ".probe");
      Files.delete(probe);
      return r.withData("usableBytes", Files.getFileStore(root).getUsableSpace()).up().build();
    } catch (IOException | RuntimeException e) {
      return r.withData("error", e.getClass().getSimpleName()).down().build();
    }
  }
}
