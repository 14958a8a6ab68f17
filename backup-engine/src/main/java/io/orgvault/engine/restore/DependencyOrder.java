package io.orgvault.engine.restore;

import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectDescribe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order in which a restore inserts objects so that each record's parents exist first, from the
 * reference fields a backup's manifest recorded from describe.
 *
 * <p>Only createable reference fields constrain the order (a field Salesforce fills itself, such as
 * {@code CreatedById}, is never sent on insert), and only towards objects being restored: a parent
 * of another object is expected to exist in the org already. A field pointing at its own object, or
 * one chosen to break a cycle between objects, is deferred: inserted blank and set in a second pass
 * ({@link #secondPass()}). Ties are broken by object name, so the order is deterministic.
 */
public final class DependencyOrder {
  private final List<String> insertOrder;
  private final List<DeferredReference> secondPass;

  private DependencyOrder(List<String> insertOrder, List<DeferredReference> secondPass) {
    this.insertOrder = List.copyOf(insertOrder);
    this.secondPass = List.copyOf(secondPass);
  }

  /** Every object of the backup. */
  public static DependencyOrder of(Manifest manifest) {
    return of(manifest, manifest.objects().stream().map(Manifest.ObjectEntry::name).toList());
  }

  /**
   * The objects to restore, ordered.
   *
   * @throws IllegalArgumentException if an object is not in the backup
   * @throws DescribeNotRecordedException if the backup did not record an object's describe
   */
  public static DependencyOrder of(Manifest manifest, Collection<String> objects) {
    Map<String, ObjectDescribe> selected = new TreeMap<>();
    for (String name : objects) {
      Manifest.ObjectEntry e =
          manifest
              .object(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "backup " + manifest.backupNumber() + " has no object " + name));
      if (e.describe() == null) {
        throw new DescribeNotRecordedException(manifest.backupNumber(), name);
      }
      selected.put(name, e.describe());
    }
    // edges: child object -> (field -> parent objects among the selection, itself excluded)
    Map<String, Map<String, Set<String>>> blocking = new TreeMap<>();
    List<DeferredReference> deferred = new ArrayList<>();
    selected.forEach(
        (object, d) -> {
          Map<String, Set<String>> fields = new TreeMap<>();
          d.fields()
              .forEach(
                  (field, f) -> {
                    if (f.referenceTo().isEmpty() || !f.createable()) {
                      return;
                    }
                    Set<String> parents = new TreeSet<>();
                    for (String t : f.referenceTo()) {
                      if (t.equals(object)) {
                        deferred.add(
                            new DeferredReference(
                                object,
                                field,
                                f.referenceTo(),
                                DeferredReference.Reason.SELF_REFERENCE,
                                f.nillable()));
                      } else if (selected.containsKey(t)) {
                        parents.add(t);
                      }
                    }
                    if (!parents.isEmpty()) {
                      fields.put(field, parents);
                    }
                  });
          blocking.put(object, fields);
        });
    List<String> order = new ArrayList<>();
    Set<String> remaining = new TreeSet<>(selected.keySet());
    while (!remaining.isEmpty()) {
      String next = null;
      for (String o : remaining) {
        if (parentsLeft(blocking.get(o), remaining).isEmpty()) {
          next = o;
          break;
        }
      }
      if (next == null) {
        next = cycleBreaker(selected, blocking, remaining);
        for (String field : parentsLeft(blocking.get(next), remaining)) {
          ObjectDescribe.FieldDescribe f = selected.get(next).fields().get(field);
          deferred.add(
              new DeferredReference(
                  next, field, f.referenceTo(), DeferredReference.Reason.CYCLE, f.nillable()));
        }
      }
      order.add(next);
      remaining.remove(next);
    }
    return new DependencyOrder(order, deferred);
  }

  /** The fields of an object that point at objects not inserted yet. */
  private static List<String> parentsLeft(Map<String, Set<String>> fields, Set<String> remaining) {
    List<String> out = new ArrayList<>();
    fields.forEach(
        (field, parents) -> {
          if (parents.stream().anyMatch(remaining::contains)) {
            out.add(field);
          }
        });
    return out;
  }

  /**
   * The object to insert next when every remaining object waits on another: one on a cycle (so no
   * reference is deferred needlessly), preferring one whose waiting fields may all be left blank,
   * then the smallest name.
   */
  private static String cycleBreaker(
      Map<String, ObjectDescribe> selected,
      Map<String, Map<String, Set<String>>> blocking,
      Set<String> remaining) {
    String fallback = null;
    for (String o : remaining) {
      if (!onCycle(o, blocking, remaining)) {
        continue;
      }
      boolean blankable =
          parentsLeft(blocking.get(o), remaining).stream()
              .allMatch(f -> selected.get(o).fields().get(f).nillable());
      if (blankable) {
        return o;
      }
      if (fallback == null) {
        fallback = o;
      }
    }
    if (fallback == null) {
      throw new IllegalStateException("no object on a cycle among " + remaining);
    }
    return fallback;
  }

  private static boolean onCycle(
      String start, Map<String, Map<String, Set<String>>> blocking, Set<String> remaining) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      String o = todo.pop();
      for (Set<String> parents : blocking.get(o).values()) {
        for (String p : parents) {
          if (p.equals(start)) {
            return true;
          }
          if (remaining.contains(p) && seen.add(p)) {
            todo.push(p);
          }
        }
      }
    }
    return false;
  }

  /** The objects, parents before children. */
  public List<String> insertOrder() {
    return insertOrder;
  }

  /** The reference fields set by an update after every object is inserted. */
  public List<DeferredReference> secondPass() {
    return secondPass;
  }

  /** Whether every deferred reference may be left blank on insert. */
  public boolean twoPassesSuffice() {
    return secondPass.stream().allMatch(DeferredReference::nillable);
  }
}
