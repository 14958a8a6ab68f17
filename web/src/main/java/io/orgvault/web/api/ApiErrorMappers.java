package io.orgvault.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal leaves as JSON {@link ApiError}, including the framework's own 401/403/404. */
public class ApiErrorMappers {
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

  private static Response json(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
  }
}
