package io.orgvault.web.export.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Export jobs ({@code orgvault.export.*}). */
@ConfigMapping(prefix = "orgvault.export")
public interface ExportConfig {
  /** How long a finished export's file is kept (plaintext on the volume: keep it short). */
  @WithDefault("PT24H")
  Duration ttl();

  /** Export sandboxes running at once on this instance. */
  @WithDefault("2")
  int threads();

  /** Exports waiting for a thread; beyond, a request is refused (503). */
  @WithDefault("32")
  int queue();

  /** An export still queued or running this long after its request lost its instance. */
  @WithDefault("PT7H")
  Duration lostAfter();
}
