package io.orgvault.sandbox.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which host uid each tenant's sandboxes run as: assigned once from the {@link UidRange}, in order,
 * and kept in a file ({@code tenant uid} per line, replaced atomically) so a tenant keeps its uid,
 * and so the ownership of its volume, across restarts.
 */
public final class TenantUids {
  private final UidRange range;
  private final Path file;
  private final Map<String, Integer> byTenant = new TreeMap<>();

  public TenantUids(UidRange range, Path file) {
    this.range = range;
    this.file = file;
    if (Files.exists(file)) {
      load();
    }
  }

  private void load() {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        if (parts.length != 2) {
          throw new IllegalStateException(file + ": a line is not 'tenant uid'");
        }
        int uid = Integer.parseInt(parts[1]);
        if (!range.contains(uid) || byTenant.containsValue(uid)) {
          throw new IllegalStateException(
              file + ": uid " + uid + " is outside " + range + " or given twice");
        }
        byTenant.put(parts[0], uid);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(file + ": a uid is not a number");
    }
  }

  /** The tenant's uid, assigning the lowest free one of the range on first use. */
  public synchronized int uidOf(String tenant) {
    Integer uid = byTenant.get(tenant);
    if (uid != null) {
      return uid;
    }
    for (int i = 0; i < range.count(); i++) {
      int candidate = range.first() + i;
      if (!byTenant.containsValue(candidate)) {
        byTenant.put(tenant, candidate);
        save();
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no sandbox uid left in " + range + " for tenant " + tenant + "; widen the range");
  }

  private void save() {
    StringBuilder s = new StringBuilder();
    byTenant.forEach((t, u) -> s.append(t).append(' ').append(u).append('\n'));
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, s, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
