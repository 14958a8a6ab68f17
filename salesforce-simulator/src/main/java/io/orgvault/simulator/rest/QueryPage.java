package io.orgvault.simulator.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.orgvault.simulator.soql.Column;
import io.orgvault.simulator.soql.QueryResult;
import io.orgvault.simulator.soql.QueryResult.ParentRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders rows of a query result as REST records. Columns reached through the same parent
 * relationship share one nested record ({@code "Account":{"attributes":{..},"Name":..}}), in the
 * order the SELECT first mentions them; a null parent renders as {@code "Account":null}.
 */
final class QueryPage {
  /** A selected field, or a parent relationship with the fields selected through it. */
  private static final class Node {
    final String name;
    final Column column;
    final List<String> relationships;
    final Map<String, Node> children = new LinkedHashMap<>();

    Node(String name, Column column, List<String> relationships) {
      this.name = name;
      this.column = column;
      this.relationships = relationships;
    }
  }

  private final QueryResult result;
  private final Node root = new Node("", null, List.of());

  QueryPage(QueryResult result) {
    this.result = result;
    for (Column c : result.columns()) {
      Node n = root;
      List<String> path = new ArrayList<>();
      for (String rel : c.relationships()) {
        path.add(rel);
        List<String> relPath = List.copyOf(path);
        n = n.children.computeIfAbsent(rel, k -> new Node(k, null, relPath));
      }
      n.children.putIfAbsent(c.field(), new Node(c.field(), c, null));
    }
  }

  /** Writes the records of result rows {@code from} (inclusive) to {@code to} (exclusive). */
  void write(JsonGenerator g, String base, int from, int to) throws IOException {
    String type = result.object().name();
    for (int i = from; i < to; i++) {
      String id = result.table().id(result.row(i));
      g.writeStartObject();
      RecordJson.attributes(g, base, type, id);
      writeChildren(g, base, i, root, type, id);
      g.writeEndObject();
    }
  }

  private void writeChildren(JsonGenerator g, String base, int i, Node node, String type, String id)
      throws IOException {
    for (Node child : node.children.values()) {
      if (child.column != null) {
        RecordJson.value(g, base, type, id, child.name, result.value(i, child.column));
        continue;
      }
      ParentRef parent = result.parent(i, child.relationships);
      g.writeFieldName(child.name);
      if (parent == null) {
        g.writeNull();
        continue;
      }
      String parentType = parent.object().name();
      g.writeStartObject();
      RecordJson.attributes(g, base, parentType, parent.id());
      writeChildren(g, base, i, child, parentType, parent.id());
      g.writeEndObject();
    }
  }
}
