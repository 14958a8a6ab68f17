package io.orgvault.web.salesforce.rest;

import io.orgvault.web.salesforce.service.JwtSigningKeys;
import java.time.Instant;

/**
 * The tenant's JWT certificate (public): what its Salesforce admin uploads to the connected app.
 */
public record JwtCertificateView(
    String certificatePem, String sha256Fingerprint, Instant notBefore, Instant notAfter) {
  static JwtCertificateView of(JwtSigningKeys.Certificate c) {
    return new JwtCertificateView(c.pem(), c.sha256Fingerprint(), c.notBefore(), c.notAfter());
  }
}
