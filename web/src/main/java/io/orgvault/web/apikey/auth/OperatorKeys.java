package io.orgvault.web.apikey.auth;

import io.orgvault.web.apikey.ApiKeyToken;
import io.smallrye.config.ConfigMapping;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The platform operator's keys, configured as the SHA-256 (hex) of each key's secret so that the
 * configuration holds nothing a reader could log in with. `orgvault.operator.key-sha256`.
 */
@ConfigMapping(prefix = "orgvault.operator")
public interface OperatorKeys {
  /** Hex SHA-256 of each operator key's secret part. */
  Optional<List<String>> keySha256();

  /** Whether a presented operator key is one of the configured ones (constant time per hash). */
  default boolean accepts(ApiKeyToken presented) {
    if (!ApiKeyToken.OPERATOR_KIND.equals(presented.kind())) {
      return false;
    }
    boolean match = false;
    for (String hex : keySha256().orElse(List.of())) {
      match |= presented.matches(HexFormat.of().parseHex(hex.trim()));
    }
    return match;
  }
}
