package io.orgvault.web.salesforce.oauth;

/** What the token endpoint granted. Never printed: {@link #toString()} hides the tokens. */
public record TokenGrant(
    String accessToken, String refreshToken, String instanceUrl, String identityUrl) {
  @Override
  public String toString() {
    return "TokenGrant[instanceUrl=" + instanceUrl + "]";
  }
}
