package io.orgvault.web.audit;

import io.orgvault.audit.event.AuditAction;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose every call is recorded in the audit log, once, after the response
 * is known (success, failure with its status, or denied for 401/403). {@code AuditCoverageTest}
 * requires it (or {@link Unaudited}) on every operation under {@code /api/v1}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
  AuditAction value();

  /** The target's type, e.g. {@code org}; empty for none. */
  String target() default "";

  /**
   * The path parameter naming the target's id; when empty or absent, the last segment of a created
   * (201/202) response's {@code Location}.
   */
  String targetParam() default "";

  /**
   * For operator endpoints: the path parameter naming the tenant acted on, whose chain receives the
   * event (absent from the path: the created tenant's id from {@code Location}). Events with no
   * tenant go to the {@link AuditRecorder#PLATFORM_CHAIN platform chain}.
   */
  String tenantParam() default "";

  /** Query parameters that make the call a search ({@code data.search}) rather than a view. */
  String[] searchParams() default {};
}
