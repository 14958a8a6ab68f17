package io.orgvault.sandbox.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one JSON document a sandbox reads from stdin: {@code {"protocol": 1, "job": {...}, "secrets":
 * {...}}}. Reading is bounded ({@link #MAX_REQUEST_BYTES}) and every error is a {@link
 * ProtocolException} that never quotes the input.
 */
public record JobRequest(JobSpec spec, JobSecrets secrets) {
  /** The protocol version this code speaks; a request with another is refused. */
  public static final int PROTOCOL_VERSION = 1;

  /** Largest request accepted: a spec with a few PEM certificates fits many times over. */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  /** The data key is 256 bits. */
  public static final int DATA_KEY_BYTES = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the request: up to the first newline or the end of {@code in}, never beyond, so that the
   * lines after it stay unread.
   */
  public static JobRequest read(InputStream in) {
    byte[] bytes = readBounded(in);
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      // Jackson quotes the input in its messages: never chain or repeat it.
      throw new ProtocolException("the request on stdin is not one JSON document");
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    if (root == null || !root.isObject()) {
      throw new ProtocolException("the request on stdin is not a JSON object");
    }
    JsonNode version = root.get("protocol");
    if (version == null || !version.isInt() || version.intValue() != PROTOCOL_VERSION) {
      throw new ProtocolException("protocol must be " + PROTOCOL_VERSION);
    }
    JsonNode job = object(root, "job");
    JsonNode secrets = object(root, "secrets");
    JobSpec spec = spec(job);
    JobSecrets s = secrets(secrets, spec.kind());
    return new JobRequest(spec, s);
  }

  private static byte[] readBounded(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      int b;
      // Byte by byte (callers hand a buffered stream): whatever follows the line is not ours.
      while ((b = in.read()) >= 0 && b != '\n') {
        out.write(b);
        if (out.size() > MAX_REQUEST_BYTES) {
          throw new ProtocolException("the request is longer than " + MAX_REQUEST_BYTES + " bytes");
        }
      }
    } catch (IOException e) {
      throw new ProtocolException("cannot read the request from stdin: " + e.getClass().getName());
    }
    return out.toByteArray();
  }

  private static JobSpec spec(JsonNode j) {
    JobKind kind = JobKind.ofWireName(text(j, "kind", true));
    BackupSettings backup = null;
    JsonNode b = j.get("backup");
    if (b != null && !b.isNull()) {
      if (!b.isObject()) {
        throw new ProtocolException("job.backup must be an object");
      }
      backup =
          new BackupSettings(
              names(b, "include"),
              names(b, "exclude"),
              number(b, "overlapMinutes", BackupSettings.DEFAULT_OVERLAP_MINUTES),
              number(b, "bulkThreshold", BackupSettings.DEFAULT_BULK_THRESHOLD),
              number(b, "bufferBytes", BackupSettings.DEFAULT_BUFFER_BYTES));
    }
    String login = text(j, "loginUrl", false);
    URI loginUrl;
    try {
      loginUrl = login == null ? null : new URI(login);
    } catch (URISyntaxException e) {
      throw new ProtocolException("job.loginUrl is not a URL");
    }
    List<String> certs = new ArrayList<>();
    JsonNode c = j.get("trustedCertificates");
    if (c != null && !c.isNull()) {
      if (!c.isArray()) {
        throw new ProtocolException("job.trustedCertificates must be an array of PEM strings");
      }
      c.forEach(
          n -> {
            if (!n.isTextual()) {
              throw new ProtocolException("job.trustedCertificates must hold strings");
            }
            certs.add(n.textValue());
          });
    }
    return new JobSpec(
        kind,
        text(j, "tenant", true),
        text(j, "volume", true),
        text(j, "orgId", false),
        loginUrl,
        text(j, "consumerKey", false),
        backup,
        certs,
        text(j, "kekId", true),
        text(j, "dataKeyBinding", true),
        text(j, "egressSocket", false),
        export(j.get("export")),
        RestoreSettings.fromJson(j.get("restore")),
        PruneSettings.fromJson(j.get("prune")));
  }

  private static ExportSettings export(JsonNode e) {
    if (e == null || e.isNull()) {
      return null;
    }
    if (!e.isObject()) {
      throw new ProtocolException("job.export must be an object");
    }
    String source = text(e, "source", true, "job.export.");
    return new ExportSettings(
        ExportSettings.Source.ofWireName(source),
        optionalNumber(e, "backup"),
        text(e, "object", false, "job.export."),
        optionalNumber(e, "from"),
        optionalNumber(e, "to"),
        strings(e, "objects", "job.export."),
        strings(e, "kinds", "job.export."),
        strings(e, "fields", "job.export."),
        text(e, "file", true, "job.export."));
  }

  private static Long optionalNumber(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new ProtocolException("job.export." + field + " must be a backup number");
    }
    return v.longValue();
  }

  private static JobSecrets secrets(JsonNode s, JobKind kind) {
    String key = text(s, "dataKey", true, "secrets.");
    byte[] dataKey;
    try {
      dataKey = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("secrets.dataKey is not base64");
    }
    if (dataKey.length != DATA_KEY_BYTES) {
      throw new ProtocolException("secrets.dataKey must be " + DATA_KEY_BYTES + " bytes");
    }
    JobSecrets out =
        new JobSecrets(
            text(s, "accessToken", false, "secrets."),
            text(s, "refreshToken", false, "secrets."),
            text(s, "consumerSecret", false, "secrets."),
            dataKey);
    java.util.Arrays.fill(dataKey, (byte) 0);
    if (kind.reachesOrg()
        && out.accessToken() == null
        && (out.refreshToken() == null || out.consumerSecret() == null)) {
      throw new ProtocolException(
          kind.wireName() + ": secrets need accessToken, or refreshToken and consumerSecret");
    }
    return out;
  }

  /**
   * This request as the line a sandbox reads (JSON escapes every newline inside strings, so it is
   * one line; the newline ends it); it holds the secrets in clear.
   */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("protocol", PROTOCOL_VERSION);
    ObjectNode j = root.putObject("job");
    j.put("kind", spec.kind().wireName());
    j.put("tenant", spec.tenant());
    j.put("volume", spec.volume());
    putIfSet(j, "orgId", spec.orgId());
    putIfSet(j, "loginUrl", spec.loginUrl() == null ? null : spec.loginUrl().toString());
    putIfSet(j, "consumerKey", spec.consumerKey());
    if (spec.backup() != null) {
      ObjectNode b = j.putObject("backup");
      spec.backup().include().stream().sorted().forEach(b.putArray("include")::add);
      spec.backup().exclude().stream().sorted().forEach(b.putArray("exclude")::add);
      b.put("overlapMinutes", spec.backup().overlapMinutes());
      b.put("bulkThreshold", spec.backup().bulkThreshold());
      b.put("bufferBytes", spec.backup().bufferBytes());
    }
    ArrayNode certs = j.putArray("trustedCertificates");
    spec.trustedCertificates().forEach(certs::add);
    j.put("kekId", spec.kekId());
    j.put("dataKeyBinding", spec.dataKeyBinding());
    putIfSet(j, "egressSocket", spec.egressSocket());
    ExportSettings x = spec.export();
    if (x != null) {
      ObjectNode e = j.putObject("export");
      e.put("source", x.source().wireName());
      if (x.backup() != null) {
        e.put("backup", x.backup());
      }
      putIfSet(e, "object", x.object());
      if (x.from() != null) {
        e.put("from", x.from());
      }
      if (x.to() != null) {
        e.put("to", x.to());
      }
      x.objects().stream().sorted().forEach(e.putArray("objects")::add);
      x.kinds().stream().sorted().forEach(e.putArray("kinds")::add);
      x.fields().stream().sorted().forEach(e.putArray("fields")::add);
      e.put("file", x.file());
    }
    if (spec.restore() != null) {
      spec.restore().toJson(j.putObject("restore"));
    }
    if (spec.prune() != null) {
      spec.prune().toJson(j.putObject("prune"));
    }
    ObjectNode s = root.putObject("secrets");
    putIfSet(s, "accessToken", secrets.accessToken());
    putIfSet(s, "refreshToken", secrets.refreshToken());
    putIfSet(s, "consumerSecret", secrets.consumerSecret());
    byte[] key = secrets.dataKey();
    s.put("dataKey", Base64.getEncoder().encodeToString(key));
    java.util.Arrays.fill(key, (byte) 0);
    return (root + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static JsonNode object(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isObject()) {
      throw new ProtocolException(field + " must be an object");
    }
    return n;
  }

  private static String text(JsonNode n, String field, boolean required) {
    return text(n, field, required, "job.");
  }

  private static String text(JsonNode n, String field, boolean required, String prefix) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new ProtocolException(prefix + field + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new ProtocolException(prefix + field + " must be a string");
    }
    return v.textValue();
  }

  private static long number(JsonNode n, String field, long fallback) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new ProtocolException("job.backup." + field + " must be an integer");
    }
    return v.longValue();
  }

  private static Set<String> names(JsonNode n, String field) {
    return strings(n, field, "job.backup.");
  }

  private static Set<String> strings(JsonNode n, String field, String prefix) {
    JsonNode v = n.get(field);
    Set<String> out = new LinkedHashSet<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new ProtocolException(prefix + field + " must be an array of names");
    }
    for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
      JsonNode e = it.next();
      if (!e.isTextual()) {
        throw new ProtocolException(prefix + field + " must hold strings");
      }
      out.add(e.textValue());
    }
    return out;
  }
}
