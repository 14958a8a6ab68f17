package io.orgvault.web.backup.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * The {@link RunProgress} events of this instance as a stream to subscribe to per run (the portal's
 * progress bar). A run executing on another instance of the cluster is seen through its row
 * instead.
 */
@ApplicationScoped
public class RunProgressStream {
  private final BroadcastProcessor<RunProgress> events = BroadcastProcessor.create();

  void onProgress(@Observes RunProgress p) {
    events.onNext(p);
  }

  /** Progress of one run of one tenant, up to and including its finished state. */
  public Multi<RunProgress> of(UUID tenantId, UUID runId) {
    return Multi.createFrom()
        .emitter(
            em -> {
              var subscription =
                  events
                      .filter(p -> p.tenantId().equals(tenantId) && p.runId().equals(runId))
                      .subscribe()
                      .with(
                          p -> {
                            em.emit(p);
                            if (p.state().finished()) {
                              em.complete();
                            }
                          });
              em.onTermination(subscription::cancel);
            });
  }
}
