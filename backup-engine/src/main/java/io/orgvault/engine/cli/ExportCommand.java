package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.export.BackupZipExport;
import io.orgvault.engine.export.CsvExport;
import io.orgvault.engine.store.RecordStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine export}: an object as of a backup ({@code --backup N --object O}), a whole
 * backup as a zip ({@code --backup N --zip}), or a comparison ({@code --from A --to B}), written to
 * {@code --out}. The file appears only when complete (written beside it, then renamed); an existing
 * file is never overwritten. Prints one {@code export-result} line.
 */
@Command(name = "export", description = "An object, a backup (zip) or a comparison as CSV.")
final class ExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  static final class What {
    @Option(names = "--backup", description = "The backup to export (with --object or --zip).")
    Long backup;

    @Option(names = "--from", description = "Export the comparison from this backup (with --to).")
    Long from;
  }

  @Option(names = "--object", description = "The object to export as CSV.")
  String object;

  @Option(names = "--zip", description = "Export the whole backup as a zip of CSVs and files.")
  boolean zip;

  @Option(names = "--to", description = "The later backup of the comparison.")
  Long to;

  @Option(names = "--kind", split = ",", description = "Comparison: only these kinds.")
  List<ChangeKind> kinds = List.of();

  @Option(names = "--compare-object", split = ",", description = "Comparison: only these objects.")
  List<String> compareObjects = List.of();

  @Option(names = "--field", split = ",", description = "Comparison: only these fields.")
  List<String> fields = List.of();

  @Option(names = "--out", required = true, description = "The file to write; must not exist.")
  Path out;

  private final EngineMain.Streams io;

  ExportCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (Files.exists(out)) {
      throw new FileAlreadyExistsException(out + " exists; export never overwrites");
    }
    if (what.backup != null && (zip == (object != null))) {
      throw new IllegalArgumentException("--backup needs exactly one of --object and --zip");
    }
    if (what.from != null && to == null) {
      throw new IllegalArgumentException("--from needs --to");
    }
    Path dir = out.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".tmp-export-", ".part");
    ObjectNode n = JSON.createObjectNode().put("type", "export-result");
    try (RecordStore s = store.open()) {
      try (OutputStream o = Files.newOutputStream(tmp)) {
        if (what.from != null) {
          CompareFilter filter =
              new CompareFilter(
                  new HashSet<>(compareObjects), Set.copyOf(kinds), new HashSet<>(fields));
          n.put("records", CsvExport.comparison(Comparison.between(s, what.from, to), filter, o));
        } else if (zip) {
          BackupZipExport.Result r = BackupZipExport.write(s, what.backup, o);
          n.put("records", r.records()).put("files", r.bodies()).put("fileBytes", r.bodyBytes());
        } else {
          n.put("records", CsvExport.object(s.snapshot(what.backup), object, o));
        }
      }
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    n.put("out", out.toString()).put("bytes", Files.size(out));
    io.out().println(n);
    io.out().flush();
    return 0;
  }
}
