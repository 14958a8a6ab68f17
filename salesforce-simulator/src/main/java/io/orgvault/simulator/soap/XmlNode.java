package io.orgvault.simulator.soap;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of a SOAP request: its name, whether it is {@code xsi:nil}, its text and its child
 * elements. Requests are small (at most a few hundred records), so they are read whole; responses
 * are streamed.
 */
final class XmlNode {
  private final String namespace;
  private final String name;
  private final boolean nil;
  private final List<XmlNode> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  XmlNode(String namespace, String name, boolean nil) {
    this.namespace = namespace == null ? "" : namespace;
    this.name = name;
    this.nil = nil;
  }

  String namespace() {
    return namespace;
  }

  String name() {
    return name;
  }

  boolean isNil() {
    return nil;
  }

  List<XmlNode> children() {
    return children;
  }

  boolean hasChildren() {
    return !children.isEmpty();
  }

  /** The text content, or null for an {@code xsi:nil} element. */
  String text() {
    return nil ? null : text.toString();
  }

  /** The first child with this local name, or null. */
  XmlNode child(String localName) {
    for (XmlNode c : children) {
      if (c.name.equals(localName)) {
        return c;
      }
    }
    return null;
  }

  List<XmlNode> children(String localName) {
    List<XmlNode> out = new ArrayList<>();
    for (XmlNode c : children) {
      if (c.name.equals(localName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text of the first child with this local name, or null when absent or nil. */
  String childText(String localName) {
    XmlNode c = child(localName);
    return c == null ? null : c.text();
  }

  void add(XmlNode child) {
    children.add(child);
  }

  void appendText(String s) {
    text.append(s);
  }
}
