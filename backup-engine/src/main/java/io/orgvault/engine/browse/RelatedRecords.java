package io.orgvault.engine.browse;

import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parents and children of a record in one backup, the basis for hierarchy restore. A reference
 * field ({@code reference} type in the backup's schema) holds the parent's Id; the parent's object
 * is found from the Id's 3-character key prefix, which every record of one object shares, matched
 * against the prefixes of the objects in the backup. This also resolves polymorphic references
 * ({@code WhatId}, {@code ParentId}). The manifest does not record describe's {@code referenceTo}
 * (see docs/compare.md).
 *
 * <p>Parents are point lookups. Children are found by reading every object that has a reference
 * field (there is no reverse index yet), so a children query costs a scan of those objects.
 */
public final class RelatedRecords {
  static final String REFERENCE = "reference";
  static final int KEY_PREFIX_LENGTH = 3;

  private final Snapshot snapshot;
  private final Map<String, String> objectByPrefix = new HashMap<>();

  public RelatedRecords(RecordStore store, long backup) {
    this.snapshot = store.snapshot(backup);
    for (Manifest.ObjectEntry o : snapshot.manifest().objects()) {
      for (Manifest.SegmentEntry s : o.segments()) {
        objectByPrefix.putIfAbsent(s.minId().substring(0, KEY_PREFIX_LENGTH), o.name());
      }
    }
  }

  /** The object whose records have this Id's key prefix in the backup, if any. */
  public Optional<String> objectOf(String id) {
    return id == null || id.length() < KEY_PREFIX_LENGTH
        ? Optional.empty()
        : Optional.ofNullable(objectByPrefix.get(id.substring(0, KEY_PREFIX_LENGTH)));
  }

  /** The records the record's reference fields point at, in schema order. */
  public List<RelatedRecord> parents(String object, String id) {
    RecordVersion v =
        snapshot
            .get(object, id)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "backup " + snapshot.backupNumber() + " has no live " + object + " " + id));
    List<RelatedRecord> out = new ArrayList<>();
    for (FieldSchema f : snapshot.schema(object)) {
      if (f.type().equals(REFERENCE) && v.fields().get(f.name()) instanceof String parent) {
        Optional<String> parentObject = objectOf(parent);
        boolean live =
            parentObject.isPresent()
                && parent.length() == RecordVersion.ID_LENGTH
                && snapshot.get(parentObject.get(), parent).isPresent();
        out.add(new RelatedRecord(f.name(), parentObject.orElse(null), parent, live));
      }
    }
    return out;
  }

  /** The live records whose reference fields point at {@code id}, object by object, in Id order. */
  public List<RelatedRecord> children(String id) {
    List<RelatedRecord> out = new ArrayList<>();
    for (String object : snapshot.objects()) {
      List<String> refs =
          snapshot.schema(object).stream()
              .filter(f -> f.type().equals(REFERENCE))
              .map(FieldSchema::name)
              .toList();
      if (refs.isEmpty()) {
        continue;
      }
      try (RecordStream rs = snapshot.records(object)) {
        while (rs.hasNext()) {
          RecordVersion v = rs.next();
          for (String f : refs) {
            if (id.equals(v.fields().get(f))) {
              out.add(new RelatedRecord(f, object, v.id(), true));
            }
          }
        }
      }
    }
    return out;
  }
}
