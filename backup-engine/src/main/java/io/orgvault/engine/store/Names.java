package io.orgvault.engine.store;

/** Checks on object and field API names, which also appear in file contents and messages. */
final class Names {
  static final int MAX_NAME_LENGTH = 255;

  private Names() {}

  static String requireObjectName(String name) {
    return requireApiName("object", name);
  }

  static String requireFieldName(String name) {
    return requireApiName("field", name);
  }

  private static String requireApiName(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "an " + what + " name is 1 to " + MAX_NAME_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!ok) {
        throw new IllegalArgumentException(
            "an " + what + " API name holds letters, digits and '_' only: " + name);
      }
    }
    return name;
  }
}
