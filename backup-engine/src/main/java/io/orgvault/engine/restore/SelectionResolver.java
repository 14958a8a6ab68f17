package io.orgvault.engine.restore;

import io.orgvault.engine.browse.RelatedRecord;
import io.orgvault.engine.browse.RelatedRecords;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.ChangeStream;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.RecordChange;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectDescribe;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a {@link RestoreSelection} into the backed-up versions to restore. */
final class SelectionResolver {
  /** The versions by Id, and records of the selection that are skipped outright (with why). */
  record Resolved(Map<String, RecordVersion> versions, List<PlannedRecord> skipped) {}

  private final RecordStore store;

  SelectionResolver(RecordStore store) {
    this.store = store;
  }

  Resolved resolve(RestoreSelection selection) {
    if (!store.backups().contains(selection.backup())) {
      throw new SelectionException("no backup " + selection.backup());
    }
    Snapshot s = store.snapshot(selection.backup());
    Map<String, RecordVersion> out = new LinkedHashMap<>();
    List<PlannedRecord> skipped = new ArrayList<>();
    if (selection instanceof RestoreSelection.RecordVersionOf r) {
      out.put(r.id(), live(s, r.object(), r.id()));
    } else if (selection instanceof RestoreSelection.ObjectAsOf o) {
      requireObject(s, o.object());
      try (RecordStream rs = s.records(o.object())) {
        rs.forEachRemaining(v -> out.put(v.id(), v));
      }
    } else if (selection instanceof RestoreSelection.CompareRecords c) {
      if (!store.backups().contains(c.to())) {
        throw new SelectionException("no backup " + c.to());
      }
      try (ChangeStream cs = Comparison.between(store, c.from(), c.to()).stream(c.filter())) {
        while (cs.hasNext()) {
          RecordChange ch = cs.next();
          if (ch.kind() == ChangeKind.ADDED) {
            skipped.add(
                PlannedRecord.skip(
                    ch.object(),
                    ch.id(),
                    "added after backup " + c.from() + "; a restore does not delete"));
          } else {
            out.put(ch.id(), ch.before());
          }
        }
      }
    } else if (selection instanceof RestoreSelection.RecordWithRelated r) {
      RecordVersion root = live(s, r.object(), r.id());
      out.put(root.id(), root);
      if (r.children()) {
        addChildren(s, List.of(root), out);
      }
      if (r.parents()) {
        addParents(s, root, out);
      }
    }
    addFileVersions(s, out);
    return new Resolved(out, skipped);
  }

  private static RecordVersion live(Snapshot s, String object, String id) {
    requireObject(s, object);
    return s.get(object, id)
        .filter(v -> !v.isTombstone())
        .orElseThrow(
            () ->
                new SelectionException(
                    "backup " + s.backupNumber() + " holds no live " + object + " " + id));
  }

  private static void requireObject(Snapshot s, String object) {
    if (s.manifest().object(object).isEmpty()) {
      throw new SelectionException("backup " + s.backupNumber() + " has no object " + object);
    }
  }

  /**
   * Children level by level through the recorded child relationships: each child object is read
   * once per level for all the parents of that level, not once per parent.
   */
  private static void addChildren(
      Snapshot s, List<RecordVersion> roots, Map<String, RecordVersion> out) {
    Manifest m = s.manifest();
    List<RecordVersion> level = roots;
    while (!level.isEmpty()) {
      // child object -> field -> parent Ids of this level
      Map<String, Map<String, Set<String>>> wanted = new TreeMap<>();
      for (RecordVersion p : level) {
        ObjectDescribe d =
            m.object(p.objectName())
                .map(Manifest.ObjectEntry::describe)
                .orElseThrow(
                    () -> new DescribeNotRecordedException(m.backupNumber(), p.objectName()));
        if (d == null) {
          throw new DescribeNotRecordedException(m.backupNumber(), p.objectName());
        }
        for (ObjectDescribe.ChildRelation c : d.childRelationships()) {
          if (m.object(c.childSObject()).isPresent()) {
            wanted
                .computeIfAbsent(c.childSObject(), k -> new TreeMap<>())
                .computeIfAbsent(c.field(), k -> new HashSet<>())
                .add(p.id());
          }
        }
      }
      List<RecordVersion> next = new ArrayList<>();
      wanted.forEach(
          (object, fields) -> {
            try (RecordStream rs = s.records(object)) {
              while (rs.hasNext()) {
                RecordVersion v = rs.next();
                for (Map.Entry<String, Set<String>> f : fields.entrySet()) {
                  Object ref = v.fields().get(f.getKey());
                  if (ref instanceof String id && f.getValue().contains(id)) {
                    if (!out.containsKey(v.id())) {
                      out.put(v.id(), v);
                      next.add(v);
                    }
                    break;
                  }
                }
              }
            }
          });
      level = next;
    }
  }

  private void addParents(Snapshot s, RecordVersion root, Map<String, RecordVersion> out) {
    RelatedRecords related = new RelatedRecords(store, s.backupNumber());
    Deque<RecordVersion> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      RecordVersion v = todo.pop();
      for (RelatedRecord p : related.parents(v.objectName(), v.id())) {
        if (p.inBackup() && !out.containsKey(p.id()) && !p.object().equals("User")) {
          s.get(p.object(), p.id())
              .filter(x -> !x.isTombstone())
              .ifPresent(
                  x -> {
                    out.put(x.id(), x);
                    todo.push(x);
                  });
        }
      }
    }
  }

  /**
   * A file link or document needs its document's versions: restoring a file means re-creating its
   * latest ContentVersion (which creates the ContentDocument) or undeleting the document.
   */
  private static void addFileVersions(Snapshot s, Map<String, RecordVersion> out) {
    Set<String> documents = new HashSet<>();
    for (RecordVersion v : out.values()) {
      if (v.objectName().equals("ContentDocumentLink")
          && v.fields().get("ContentDocumentId") instanceof String d) {
        documents.add(d);
      }
    }
    documents.removeIf(out::containsKey);
    if (documents.isEmpty() || s.manifest().object("ContentDocument").isEmpty()) {
      return;
    }
    for (String d : documents) {
      s.get("ContentDocument", d).filter(x -> !x.isTombstone()).ifPresent(x -> out.put(d, x));
    }
    if (s.manifest().object("ContentVersion").isPresent()) {
      try (RecordStream rs = s.records("ContentVersion")) {
        while (rs.hasNext()) {
          RecordVersion v = rs.next();
          if (v.fields().get("ContentDocumentId") instanceof String d && documents.contains(d)) {
            out.putIfAbsent(v.id(), v);
          }
        }
      }
    }
  }
}
