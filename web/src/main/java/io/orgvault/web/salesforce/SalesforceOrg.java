package io.orgvault.web.salesforce;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A Salesforce org a tenant connected, with its refresh token sealed by the TokenVault. */
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
