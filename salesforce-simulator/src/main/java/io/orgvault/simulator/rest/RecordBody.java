package io.orgvault.simulator.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.org.DmlException;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record as a client sent it in a JSON body: its members with their JSON token kinds and
 * positions, so a value that does not fit its field is refused the way Salesforce's deserializer
 * refuses it: 400 {@code JSON_PARSER_ERROR} naming the line and column.
 */
final class RecordBody {
  private static final String ATTRIBUTES = "attributes";

  /** One member of the record object. */
  private record Member(String name, JsonToken token, Object value, JsonLocation location) {}

  private final List<Member> members;
  private final String type;

  private RecordBody(List<Member> members, String type) {
    this.members = members;
    this.type = type;
  }

  /** Parses a whole request body that must be one JSON object. */
  static RecordBody parse(byte[] body) {
    try (JsonParser p = Responses.JSON.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw parserError("No content to map due to end-of-input", p.currentLocation());
      }
      if (first != JsonToken.START_OBJECT) {
        throw parserError(
            "Cannot deserialize instance of SObject from " + first + " value " + p.getText(),
            p.currentTokenLocation());
      }
      RecordBody r = read(p);
      if (p.nextToken() != null) {
        throw parserError(
            "Unexpected content after the record: " + p.getText(), p.currentTokenLocation());
      }
      return r;
    } catch (JsonProcessingException e) {
      throw parserError(e);
    } catch (IOException e) {
      throw parserError("Unreadable request body", JsonLocation.NA);
    }
  }

  /** Reads the record object the parser is positioned on (at its START_OBJECT). */
  static RecordBody read(JsonParser p) throws IOException {
    List<Member> members = new ArrayList<>();
    String type = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      JsonLocation at = p.currentTokenLocation();
      Object value =
          switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_OBJECT, START_ARRAY -> p.readValueAsTree();
            default -> null;
          };
      if (name.equals(ATTRIBUTES)) {
        if (value instanceof JsonNode n && n.isObject() && n.path("type").isTextual()) {
          type = n.get("type").asText();
        }
        continue;
      }
      members.add(new Member(name, token, value, at));
    }
    return new RecordBody(members, type);
  }

  /** The {@code attributes.type} the record names, or null. */
  String type() {
    return type;
  }

  /** The value of a member by case-insensitive name as sent, or null. */
  Object raw(String name) {
    for (Member m : members) {
      if (m.name().equalsIgnoreCase(name)) {
        return m.value() instanceof JsonNode n ? n.toString() : m.value();
      }
    }
    return null;
  }

  /**
   * The field values for DML on an object of this schema, as wire values {@code FieldValues}
   * accepts. Unknown names pass through (the DML reports them as {@code INVALID_FIELD}).
   *
   * @param skip a field to leave out (case-insensitive), e.g. {@code Id} on an update; or null
   * @throws ApiException {@code JSON_PARSER_ERROR} when a value cannot be a value of its field
   */
  Map<String, Object> fields(SObjectSchema schema, String skip) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Member m : members) {
      if (skip != null && m.name().equalsIgnoreCase(skip)) {
        continue;
      }
      FieldDef f = schema.field(m.name());
      if (f == null) {
        out.put(m.name(), m.value() instanceof JsonNode n ? n.toString() : m.value());
      } else {
        out.put(m.name(), typed(f, m));
      }
    }
    return out;
  }

  private static Object typed(FieldDef f, Member m) {
    FieldType t = f.type();
    boolean text = t.isText() && t != FieldType.ID && t != FieldType.REFERENCE;
    return switch (m.token()) {
      case VALUE_NULL -> null;
      case VALUE_TRUE, VALUE_FALSE -> {
        if (t == FieldType.BOOLEAN) {
          yield m.value();
        }
        if (text) {
          yield m.value().toString();
        }
        throw mismatch(f, m);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        if (t.isNumber()) {
          yield checked(f, m, m.value());
        }
        if (text) {
          yield m.value().toString();
        }
        throw mismatch(f, m);
      }
      case VALUE_STRING -> {
        String s = (String) m.value();
        if (t == FieldType.BOOLEAN) {
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            yield Boolean.valueOf(s);
          }
          throw mismatch(f, m);
        }
        if (t.isNumber()
            || t == FieldType.DATE
            || t == FieldType.DATETIME
            || t == FieldType.BASE64) {
          yield checked(f, m, s);
        }
        yield s;
      }
      default -> throw mismatch(f, m);
    };
  }

  /** Lets the DML report range and format errors; only a wrong type is a parser error here. */
  private static Object checked(FieldDef f, Member m, Object wire) {
    try {
      FieldValues.coerce(f, wire);
    } catch (DmlException e) {
      if (e.statusCode().equals("INVALID_TYPE_ON_FIELD_IN_RECORD")) {
        throw mismatch(f, m);
      }
    }
    return wire;
  }

  private static ApiException mismatch(FieldDef f, Member m) {
    String shown =
        switch (m.token()) {
          case START_OBJECT -> "{";
          case START_ARRAY -> "[";
          default -> String.valueOf(m.value());
        };
    return parserError(
        "Cannot deserialize instance of "
            + f.type().valueType()
            + " from "
            + m.token()
            + " value "
            + shown
            + " or request may be missing a required field",
        m.location());
  }

  static ApiException parserError(String message, JsonLocation at) {
    String where =
        at == null || at == JsonLocation.NA || at.getLineNr() < 0
            ? ""
            : " at [line:" + at.getLineNr() + ", column:" + at.getColumnNr() + "]";
    return ApiException.badRequest("JSON_PARSER_ERROR", message + where);
  }

  static ApiException parserError(JsonProcessingException e) {
    return parserError(e.getOriginalMessage(), e.getLocation());
  }
}
