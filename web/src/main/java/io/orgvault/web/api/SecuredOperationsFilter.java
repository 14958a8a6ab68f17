package io.orgvault.web.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the two answers every authenticated operation can give, 401 (no or an invalid key) and
 * 403 (a caller of the wrong kind), once for all operations instead of on every resource.
 */
public class SecuredOperationsFilter implements OASFilter {
  static final Map<String, String> AUTH_RESPONSES =
      Map.of(
          "401", "No or an invalid API key",
          "403", "The caller may not use this operation (operator vs tenant)");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (PathItem item : openAPI.getPaths().getPathItems().values()) {
      if (item.getOperations() == null) {
        continue;
      }
      for (Operation op : item.getOperations().values()) {
        if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
          continue;
        }
        APIResponses responses = op.getResponses();
        AUTH_RESPONSES.forEach(
            (status, description) -> {
              if (responses.getAPIResponse(status) == null) {
                responses.addAPIResponse(
                    status,
                    OASFactory.createAPIResponse()
                        .description(description)
                        .content(
                            OASFactory.createContent()
                                .addMediaType(
                                    "application/json",
                                    OASFactory.createMediaType()
                                        .schema(
                                            OASFactory.createSchema()
                                                .ref("#/components/schemas/ApiError")))));
              }
            });
      }
    }
  }
}
