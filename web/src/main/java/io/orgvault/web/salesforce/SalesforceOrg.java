package io.orgvault.web.salesforce;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A Salesforce org a tenant connected: by the web-server flow (its refresh token sealed by the
 * TokenVault) or by the JWT bearer grant (the consumer key and username the tenant's key signs
 * for).
 */
@Entity
@Table(name = "salesforce_org")
public class SalesforceOrg {
  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(nullable = false, length = 100)
  public String label;

  @Column(name = "login_url", nullable = false)
  public String loginUrl;

  @Column(name = "instance_url", nullable = false)
  public String instanceUrl;

  @Column(name = "sf_org_id", nullable = false, length = 18)
  public String sfOrgId;

  @Column(name = "sf_user_id", nullable = false, length = 18)
  public String sfUserId;

  @Column(name = "sf_username", nullable = false)
  public String sfUsername;

  @Enumerated(EnumType.STRING)
  @Column(name = "auth_method", nullable = false, length = 16)
  public OrgAuthMethod authMethod = OrgAuthMethod.WEB_SERVER;

  /**
   * JWT bearer only: the consumer key of the tenant's connected app (the assertion's issuer); null
   * once disconnected, which unbinds the org from the tenant's signing key.
   */
  @Column(name = "jwt_consumer_key")
  public String jwtConsumerKey;

  /** Null once disconnected: nothing is kept that could reach the org. */
  @Column(name = "sealed_refresh_token")
  public byte[] sealedRefreshToken;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 24)
  public OrgStatus status;

  @Column(name = "status_reason", length = 500)
  public String statusReason;

  @Column(name = "connected_at", nullable = false)
  public Instant connectedAt;

  @Column(name = "status_changed_at", nullable = false)
  public Instant statusChangedAt;
}
