package io.orgvault.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal leaves as JSON {@link ApiError}, including the framework's own 401/403/404. */
public class ApiErrorMappers {
  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(ApiErrorMappers.class);

  @ServerExceptionMapper
  public Response problem(ApiProblem p) {
    return json(p.status(), new ApiError(p.code(), p.getMessage()));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    Response r = e.getResponse();
    String code =
        switch (r.getStatus()) {
          case 400 -> "bad_request";
          case 401 -> "unauthenticated";
          case 403 -> "forbidden";
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 415 -> "unsupported_media_type";
          default -> "http_" + r.getStatus();
        };
    Response.ResponseBuilder b =
        Response.status(r.getStatus())
            .type(MediaType.APPLICATION_JSON)
            .entity(new ApiError(code, e.getMessage()));
    String challenge = r.getHeaderString("WWW-Authenticate");
    if (challenge != null) {
      b.header("WWW-Authenticate", challenge);
    }
    return b.build();
  }

  /**
   * Anything unexpected: a 500 with an id to find the logged cause by, and nothing of the cause
   * itself (no stack, no message that might hold data).
   */
  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    String id = java.util.UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected error %s", id);
    return json(500, new ApiError("internal_error", "unexpected error; reference " + id));
  }

  private static Response json(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
  }
}
