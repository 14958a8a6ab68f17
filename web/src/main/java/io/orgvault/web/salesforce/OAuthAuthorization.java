package io.orgvault.web.salesforce;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An OAuth web-server flow a tenant started and Salesforce has not yet answered. */
@Entity
@Table(name = "oauth_authorization")
public class OAuthAuthorization {
  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  /** SHA-256 of the state parameter: a leaked table row cannot complete a flow. */
  @Column(name = "state_hash", nullable = false, unique = true)
  public byte[] stateHash;

  @Column(name = "sealed_verifier", nullable = false)
  public byte[] sealedVerifier;

  @Column(nullable = false, length = 100)
  public String label;

  @Column(name = "login_url", nullable = false)
  public String loginUrl;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
