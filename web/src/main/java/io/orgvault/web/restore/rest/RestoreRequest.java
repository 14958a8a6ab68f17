package io.orgvault.web.restore.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A restore to plan: {@code selection} and {@code options} exactly as a {@code restore-plan} job's
 * {@code job.restore} (sandbox-runner README); {@code targetOrgId} another org of the tenant to
 * restore into (absent: the org the backups come from).
 */
public record RestoreRequest(JsonNode selection, JsonNode options, UUID targetOrgId) {}
