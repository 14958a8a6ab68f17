package io.orgvault.web.audit.service;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.Outcome;
import io.orgvault.audit.query.AuditPage;
import io.orgvault.audit.query.AuditQuery;
import io.orgvault.audit.query.AuditReader;
import io.orgvault.audit.query.ExportFormat;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.audit.verify.VerifyResult;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.AuditRecorder;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tenant's view of its own audit chain: pages, exports, verification. Always the caller's
 * tenant; events the operator caused about the tenant are in that chain too.
 */
@ApplicationScoped
public class AuditViewer {
  @Inject AuditRecorder recorder;
  @Inject Instance<AuditReader> reader;
  @Inject Instance<ChainVerifier> verifier;

  /** The filters as the API takes them (text), checked into a query. */
  public record Filter(
      String user,
      List<String> actions,
      String from,
      String to,
      String ip,
      String outcome,
      Long cursor,
      Integer limit) {}

  public AuditPage page(TenantId tenant, Filter f) {
    AuditQuery q = query(tenant, f);
    try {
      return reader.get().page(q);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log", e);
    }
  }

  public long export(TenantId tenant, Filter f, ExportFormat format, Writer out) {
    AuditQuery q = query(tenant, f);
    try {
      return reader.get().export(q, format, out);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public VerifyResult verify(TenantId tenant) {
    requireEnabled();
    try {
      return verifier.get().verify(tenant.toString());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log", e);
    }
  }

  /** Checks the filters before any byte of a streamed export is written. */
  public AuditQuery query(TenantId tenant, Filter f) {
    requireEnabled();
    AuditQuery q = AuditQuery.forTenant(tenant.toString());
    try {
      q = q.limit(f.limit() == null ? 100 : f.limit());
      if (f.user() != null && !f.user().isEmpty()) {
        q = q.actor(f.user());
      }
      if (f.actions() != null && !f.actions().isEmpty()) {
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        for (String a : f.actions()) {
          actions.add(AuditAction.fromCode(a));
        }
        q = q.actions(actions);
      }
      q = q.between(instant("from", f.from()), instant("to", f.to()));
      if (f.ip() != null && !f.ip().isEmpty()) {
        q = q.sourceIp(f.ip());
      }
      if (f.outcome() != null && !f.outcome().isEmpty()) {
        q = q.outcome(Outcome.fromCode(f.outcome().toLowerCase(Locale.ROOT)));
      }
      if (f.cursor() != null) {
        if (f.cursor() < 1) {
          throw new IllegalArgumentException("cursor must be a positive sequence number");
        }
        q = q.before(f.cursor());
      }
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(400, "invalid_filter", e.getMessage());
    }
    return q;
  }

  private static Instant instant(String name, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " is not an ISO-8601 instant (e.g. 2026-01-02T03:04:05Z)");
    }
  }

  private void requireEnabled() {
    if (!recorder.enabled()) {
      throw new ApiProblem(
          503, "audit_unavailable", "the audit log is disabled (the H2 demo has none)");
    }
  }
}
