package io.orgvault.web.audit.record;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.Outcome;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.audit.AuditRecorder;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.audit.ClientAddress;
import io.orgvault.web.tenancy.Roles;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records one audit event per call of an {@link Audited} operation, once its response is known
 * (exception mappers included), before the body is written. If the event cannot be stored the
 * caller gets 500 {@code audit_unavailable} instead of the body: nothing is served unrecorded.
 * Every response carries {@code X-Request-Id} (the caller's, when well-formed), also in the event.
 */
public class AuditFilter {
  private static final Logger LOG = Logger.getLogger(AuditFilter.class);
  public static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern REQUEST_ID_SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Inject AuditRecorder recorder;
  @Inject ClientAddress clientAddress;
  @Inject SecurityIdentity identity;

  @ServerResponseFilter
  public void audit(
      ContainerRequestContext request,
      ContainerResponseContext response,
      ResourceInfo resource,
      HttpServerRequest http) {
    String requestId = requestIdOf(request.getHeaderString(REQUEST_ID));
    response.getHeaders().putSingle(REQUEST_ID, requestId);
    Method method = resource == null ? null : resource.getResourceMethod();
    Audited audited = method == null ? null : method.getAnnotation(Audited.class);
    if (audited == null || !recorder.enabled()) {
      return;
    }
    AuditEvent event = event(audited, request, response, http, requestId);
    try {
      recorder.record(event);
    } catch (SQLException | RuntimeException e) {
      LOG.errorf(
          "audit event %s (request %s) not recorded, response withheld: %s",
          event.action().code(), requestId, e.toString());
      response.setStatus(500);
      response.setEntity(
          new ApiError(
              "audit_unavailable", "the action could not be audited; request " + requestId),
          new Annotation[0],
          MediaType.APPLICATION_JSON_TYPE);
    }
  }

  private AuditEvent event(
      Audited a,
      ContainerRequestContext request,
      ContainerResponseContext response,
      HttpServerRequest http,
      String requestId) {
    int status = response.getStatus();
    Outcome outcome =
        status == 401 || status == 403
            ? Outcome.DENIED
            : status >= 400 ? Outcome.FAILURE : Outcome.SUCCESS;
    var params = request.getUriInfo().getPathParameters();
    String location = createdId(response);
    String targetId =
        a.targetParam().isEmpty() || params.getFirst(a.targetParam()) == null
            ? location
            : params.getFirst(a.targetParam());
    String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    String ip = clientAddress.of(peer, request.getHeaderString("X-Forwarded-For"));
    String role =
        identity.hasRole(Roles.OPERATOR)
            ? Roles.OPERATOR
            : identity.hasRole(Roles.TENANT_ADMIN) ? Roles.TENANT_ADMIN : null;
    var b =
        recorder
            .event(
                tenant(a, params.getFirst(a.tenantParam()), location), action(a, request), outcome)
            .actor(identity.isAnonymous() ? null : identity.getPrincipal().getName(), null, role)
            .client(ip, request.getHeaderString("User-Agent"))
            .target(a.target().isEmpty() ? null : a.target(), clip(targetId))
            .requestId(requestId);
    if (outcome != Outcome.SUCCESS) {
      b.reason(reason(status, response.getEntity()));
    }
    return b.build();
  }

  /** The caller's tenant; for an operator, the tenant acted on; else the platform chain. */
  private String tenant(Audited a, String tenantParam, String createdId) {
    if (identity.getAttribute(Roles.TENANT_ATTRIBUTE) instanceof TenantId own) {
      return own.toString();
    }
    if (!a.tenantParam().isEmpty() && identity.hasRole(Roles.OPERATOR)) {
      String t = tenantParam != null ? tenantParam : createdId;
      if (t != null && isUuid(t)) {
        return t;
      }
    }
    return AuditRecorder.PLATFORM_CHAIN;
  }

  private static AuditAction action(Audited a, ContainerRequestContext request) {
    var query = request.getUriInfo().getQueryParameters();
    for (String p : a.searchParams()) {
      List<String> v = query.get(p);
      if (v != null && v.stream().anyMatch(s -> s != null && !s.isEmpty())) {
        return AuditAction.DATA_SEARCH;
      }
    }
    return a.value();
  }

  private static String reason(int status, Object entity) {
    return entity instanceof ApiError e && e.error() != null
        ? "HTTP " + status + " " + clip(e.error())
        : "HTTP " + status;
  }

  /** The id a 201/202 names in its Location (its last path segment). */
  private static String createdId(ContainerResponseContext response) {
    URI location = response.getLocation();
    if (location == null || location.getPath() == null) {
      return null;
    }
    String path = location.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The caller's request id when well-formed, else a new one. */
  public static String requestIdOf(String presented) {
    return presented != null && REQUEST_ID_SHAPE.matcher(presented).matches()
        ? presented
        : UUID.randomUUID().toString();
  }

  private static boolean isUuid(String s) {
    try {
      UUID.fromString(s);
      return s.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Path values are the client's text: bounded and without NUL before they are stored. */
  static String clip(String s) {
    if (s == null) {
      return null;
    }
    String t = s.replace('\0', '\uFFFD');
    return t.length() > AuditEvent.MAX_FIELD ? t.substring(0, AuditEvent.MAX_FIELD) : t;
  }
}
