package io.orgvault.engine.browse;

import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectDescribe;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parents and children of a record in one backup, the basis for hierarchy restore.
 *
 * <p>Backups that recorded describe's relationships in their manifest ({@link ObjectDescribe}) are
 * navigated by them: a reference field's parent object is its {@code referenceTo} target (for a
 * polymorphic lookup such as {@code WhatId}, the target whose key prefix the value carries), and
 * children are read only from the child objects and fields the parent's {@code childRelationships}
 * name. Objects of older backups, which lack them, fall back to the schema alone: every field of
 * type {@code reference} is a parent link, its object is found from the Id's 3-character key prefix
 * matched against the prefixes of the objects in the backup, and children are found by reading
 * every object that has a reference field.
 *
 * <p>Parents are point lookups. Children cost a scan of the child objects (there is no reverse
 * index).
 */
public final class RelatedRecords {
  static final String REFERENCE = "reference";
  static final int KEY_PREFIX_LENGTH = 3;

  private final Snapshot snapshot;
  private final Map<String, String> objectByPrefix = new HashMap<>();
  private final Map<String, ObjectDescribe> describes = new HashMap<>();

  public RelatedRecords(RecordStore store, long backup) {
    this.snapshot = store.snapshot(backup);
    for (Manifest.ObjectEntry o : snapshot.manifest().objects()) {
      if (o.describe() != null) {
        describes.put(o.name(), o.describe());
        if (o.describe().keyPrefix() != null) {
          objectByPrefix.put(o.describe().keyPrefix(), o.name());
        }
      }
    }
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
    ObjectDescribe describe = describes.get(object);
    List<RelatedRecord> out = new ArrayList<>();
    for (FieldSchema f : snapshot.schema(object)) {
      Optional<ObjectDescribe.FieldDescribe> fd =
          describe == null ? Optional.empty() : describe.field(f.name());
      boolean reference =
          describe == null ? f.type().equals(REFERENCE) : fd.isPresent() && isReference(fd.get());
      if (reference && v.fields().get(f.name()) instanceof String parent) {
        Optional<String> parentObject =
            describe == null ? objectOf(parent) : target(fd.get().referenceTo(), parent);
        boolean live =
            parentObject.isPresent()
                && parent.length() == RecordVersion.ID_LENGTH
                && snapshot.objects().contains(parentObject.get())
                && snapshot.get(parentObject.get(), parent).isPresent();
        out.add(new RelatedRecord(f.name(), parentObject.orElse(null), parent, live));
      }
    }
    return out;
  }

  private static boolean isReference(ObjectDescribe.FieldDescribe f) {
    return !f.referenceTo().isEmpty();
  }

  /**
   * The object a reference value points at: the only target, or of several (a polymorphic lookup)
   * the one whose recorded key prefix the Id carries; failing that, the backup's object of that
   * prefix if it is a target.
   */
  private Optional<String> target(List<String> referenceTo, String id) {
    if (referenceTo.size() == 1) {
      return Optional.of(referenceTo.get(0));
    }
    if (id.length() < KEY_PREFIX_LENGTH) {
      return Optional.empty();
    }
    String prefix = id.substring(0, KEY_PREFIX_LENGTH);
    for (String t : referenceTo) {
      ObjectDescribe d = describes.get(t);
      if (d != null && prefix.equals(d.keyPrefix())) {
        return Optional.of(t);
      }
    }
    return objectOf(id).filter(referenceTo::contains);
  }

  /**
   * The live records whose reference fields point at {@code id}, object by object (in the backup's
   * object order), in Id order.
   */
  public List<RelatedRecord> children(String id) {
    List<RelatedRecord> out = new ArrayList<>();
    fieldsPointingAt(id).forEach((object, fields) -> scan(object, fields, id, out));
    return out;
  }

  /** The objects {@link #children} reads for this Id, in the order it reads them. */
  public List<String> childObjectsRead(String id) {
    return List.copyOf(fieldsPointingAt(id).keySet());
  }

  /**
   * Per object of the backup, the fields that may hold a reference to {@code id}: those the
   * parent's recorded child relationships name, or without them every reference field.
   */
  private Map<String, Set<String>> fieldsPointingAt(String id) {
    ObjectDescribe parent = objectOf(id).map(describes::get).orElse(null);
    Map<String, Set<String>> named = new HashMap<>();
    if (parent != null) {
      for (ObjectDescribe.ChildRelation c : parent.childRelationships()) {
        named.computeIfAbsent(c.childSObject(), k -> new LinkedHashSet<>()).add(c.field());
      }
    }
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String object : snapshot.objects()) {
      Set<String> fields = new LinkedHashSet<>();
      for (FieldSchema f : snapshot.schema(object)) {
        boolean candidate =
            parent == null
                ? f.type().equals(REFERENCE)
                : named.getOrDefault(object, Set.of()).contains(f.name());
        if (candidate) {
          fields.add(f.name());
        }
      }
      if (!fields.isEmpty()) {
        out.put(object, fields);
      }
    }
    return out;
  }

  private void scan(String object, Set<String> fields, String id, List<RelatedRecord> out) {
    try (RecordStream rs = snapshot.records(object)) {
      while (rs.hasNext()) {
        RecordVersion v = rs.next();
        for (String f : fields) {
          if (id.equals(v.fields().get(f))) {
            out.add(new RelatedRecord(f, object, v.id(), true));
          }
        }
      }
    }
  }
}
