package io.orgvault.web.restore.service;

import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.restore.RestoreJob;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The newest per-record results CSV of a restore, read from the store's {@code exports/}. The name
 * comes from the sandbox's result, so it is checked as untrusted: a plain {@code
 * restore-<restoreId>[-n].csv}, in an {@code exports/} that is a directory and not a link, opened
 * without following a link.
 */
@ApplicationScoped
public class RestoreResults {
  static final String EXPORTS = "exports";

  @Inject RestoreService restores;
  @Inject SandboxJobs sandboxes;

  private static final Pattern RESULTS_NAME =
      Pattern.compile("restore-(r-[0-9a-f]{16})(?:-[0-9]{1,9})?\\.csv");

  /** A results file of that restore as the sandbox names them: a plain name, nothing else. */
  static boolean isOwnResultsFile(String restoreId, String name) {
    var m = RESULTS_NAME.matcher(name == null ? "" : name);
    return restoreId != null && m.matches() && m.group(1).equals(restoreId);
  }

  /** An open results file; the caller closes {@code in}. */
  public record ResultsFile(String name, long size, InputStream in) {}

  /** 404 for another tenant's or org's restore, or one without results yet. */
  public ResultsFile open(TenantId tenant, UUID sourceOrgId, UUID id) {
    RestoreJob r =
        restores
            .find(tenant, sourceOrgId, id)
            .orElseThrow(() -> ApiProblem.notFound("no such restore"));
    if (r.resultsFile == null || r.restoreId == null) {
      throw new ApiProblem(404, "no_results", "the restore has not run yet: no results");
    }
    String name = r.resultsFile;
    if (!isOwnResultsFile(r.restoreId, name)) {
      throw new IllegalStateException("restore " + id + " names a results file outside its own");
    }
    Path exports = sandboxes.storeOf(tenant, restores.storeOrgOf(tenant, r)).resolve(EXPORTS);
    Path file = exports.resolve(name);
    try {
      if (!Files.isDirectory(exports, LinkOption.NOFOLLOW_LINKS)
          || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new ApiProblem(404, "no_results", "the results file is no longer in the volume");
      }
      InputStream in =
          Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      // exports/ might have been swapped for a link between the check and the open
      if (!exports.toRealPath().equals(exports.getParent().toRealPath().resolve(EXPORTS))) {
        in.close();
        throw new IllegalStateException("the exports directory of restore " + id + " moved");
      }
      return new ResultsFile(name, Files.size(file), in);
    } catch (NoSuchFileException e) {
      throw new ApiProblem(404, "no_results", "the results file is no longer in the volume");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the results of restore " + id, e);
    }
  }
}
