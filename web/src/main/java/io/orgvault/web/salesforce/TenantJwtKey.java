package io.orgvault.web.salesforce;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's key pair for the JWT bearer grant: the self-signed certificate its Salesforce admin
 * uploads to the connected app, and the private key sealed by the TokenVault.
 */
@Entity
@Table(name = "tenant_jwt_key")
public class TenantJwtKey {
  @Id
  @Column(name = "tenant_id")
  public UUID tenantId;

  /** DER of the X.509 certificate (public). */
  @Column(nullable = false)
  public byte[] certificate;

  /** PKCS#8 private key, sealed under the tenant's token key. */
  @Column(name = "sealed_private_key", nullable = false)
  public byte[] sealedPrivateKey;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
