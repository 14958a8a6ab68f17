package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sforce.soap.partner.DescribeGlobalResult;
import com.sforce.soap.partner.DescribeGlobalSObjectResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.GetUpdatedResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The Salesforce client of one backup run for one org: OAuth sessions (renewed on expiry), the API
 * version negotiated from {@code /services/data/}, the SOAP partner API (describe,
 * getUpdated/getDeleted, server time) through force-wsc, and REST and Bulk API 2.0 over {@code
 * java.net.http} for extracting records, all over HTTPS with one explicit {@link SSLContext} and
 * within the run's {@link ApiBudget}.
 *
 * <p>Nothing here holds a whole result: queries stream page by page or row by row. Thread-safe: a
 * run may extract several objects and read several file bodies at once (the JDK's {@code
 * HttpClient} pools connections, the budget and token sources are thread-safe, each thread has its
 * own SOAP connection); each {@link Extraction} belongs to the one thread that reads it.
 */
public final class SalesforceClient {
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,254}");

  private final HttpTransport transport;
  private final SSLContext tls;
  private final ApiVersion version;
  private final PartnerApi partner;
  private final RecordWrites writes;

  /** The most records one sObject Collections or SOAP DML call takes. */
  public static final int COLLECTION_LIMIT = 200;

  private SalesforceClient(TokenSource tokens, SSLContext tls, ClientOptions options) {
    Redactor redactor = tokens instanceof RefreshTokenSource r ? r.redactor() : new Redactor();
    this.tls = Objects.requireNonNull(tls, "TLS context");
    this.transport = new HttpTransport(tls, tokens, options.newBudget(), options, redactor);
    this.version = negotiate();
    this.partner = new PartnerApi(transport, tls, version);
    this.writes = new RecordWrites(transport, version);
  }

  /**
   * Connects with the refresh token grant: obtains a session and negotiates the API version.
   *
   * @param tls trusted roots for every call, e.g. {@link TrustStores#jdkDefault()}
   */
  public static SalesforceClient connect(
      SalesforceCredentials credentials, SSLContext tls, ClientOptions options) {
    return new SalesforceClient(
        new RefreshTokenSource(credentials, tls, options, new Redactor()), tls, options);
  }

  /** Connects with sessions from {@code tokens} (e.g. {@link TokenSource#fixed}). */
  public static SalesforceClient connect(
      TokenSource tokens, SSLContext tls, ClientOptions options) {
    return new SalesforceClient(tokens, tls, options);
  }

  /** The API version in use: the org's newest at or below the configured maximum. */
  public ApiVersion apiVersion() {
    return version;
  }

  /** This run's API budget (calls made, cap, the org's usage last reported). */
  public ApiBudget budget() {
    return transport.budget();
  }

  /** How many times the session was renewed. */
  public int sessionRenewals() {
    return transport.tokens().refreshes();
  }

  /** The instance the current session is on. */
  public java.net.URI instanceUrl() {
    return transport.tokens().current().instanceUrl();
  }

  // ---------------------------------------------------------------- version negotiation

  private ApiVersion negotiate() {
    HttpTransport.Call call = HttpTransport.Call.get("/services/data/").unmetered();
    List<ApiVersion> offered = transport.execute(call, r -> versions(r.body(), r.endpoint()));
    int max = transport.options().maxApiVersion();
    TreeSet<ApiVersion> sorted = new TreeSet<>(offered);
    ApiVersion chosen = sorted.floor(new ApiVersion(max));
    if (chosen == null) {
      throw new UnsupportedApiVersionException(
          "The org at "
              + instanceUrl()
              + " serves API versions "
              + (sorted.isEmpty() ? "(none)" : sorted.first() + " to " + sorted.last())
              + "; this client speaks "
              + max
              + ".0 or older, so there is no version in common");
    }
    return chosen;
  }

  private static List<ApiVersion> versions(InputStream in, String endpoint) throws IOException {
    List<ApiVersion> out = new ArrayList<>();
    try (JsonParser p = HttpTransport.JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new MalformedResponseException(endpoint, "the version list is not a JSON array");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
        String v = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("version") && value == JsonToken.VALUE_STRING) {
            v = p.getText();
          } else {
            p.skipChildren();
          }
        }
        ApiVersion parsed = ApiVersion.parse(v);
        if (parsed == null) {
          throw new MalformedResponseException(endpoint, "a version entry has no valid version");
        }
        out.add(parsed);
      }
      if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
        throw new MalformedResponseException(endpoint, "the version list ended early");
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- SOAP: describe, replication

  /** Every object of the org with its flags ({@code describeGlobal}, SOAP). */
  public List<SObjectSummary> describeGlobal() {
    DescribeGlobalResult r = partner.call("describeGlobal", c -> c.describeGlobal());
    List<SObjectSummary> out = new ArrayList<>();
    for (DescribeGlobalSObjectResult s : r.getSobjects()) {
      out.add(
          new SObjectSummary(
              s.getName(),
              s.getLabel(),
              s.getKeyPrefix(),
              s.isCustom(),
              s.isQueryable(),
              s.isReplicateable(),
              s.isRetrieveable(),
              s.isCreateable(),
              s.isUpdateable(),
              s.isDeletable(),
              s.isUndeletable(),
              s.isDeprecatedAndHidden()));
    }
    return out;
  }

  /** An object's fields, types and relationships ({@code describeSObject}, SOAP). */
  public SObjectDescription describe(String object) {
    requireApiName(object);
    DescribeSObjectResult d = partner.call("describeSObject", c -> c.describeSObject(object));
    List<FieldDescription> fields = new ArrayList<>();
    for (com.sforce.soap.partner.Field f : d.getFields()) {
      fields.add(
          new FieldDescription(
              f.getName(),
              f.getLabel(),
              enumText(f.getType()),
              enumText(f.getSoapType()),
              f.getLength(),
              f.getPrecision(),
              f.getScale(),
              f.getDigits(),
              f.isNillable(),
              f.isCreateable(),
              f.isUpdateable(),
              f.isCalculated(),
              f.isExternalId(),
              f.isIdLookup(),
              f.isCascadeDelete(),
              f.getReferenceTo() == null ? List.of() : Arrays.asList(f.getReferenceTo()),
              f.getRelationshipName(),
              f.isAutoNumber(),
              f.isRestrictedDelete()));
    }
    List<ChildRelationshipDescription> children = new ArrayList<>();
    if (d.getChildRelationships() != null) {
      for (com.sforce.soap.partner.ChildRelationship c : d.getChildRelationships()) {
        children.add(
            new ChildRelationshipDescription(
                c.getChildSObject(), c.getField(), c.getRelationshipName(), c.isCascadeDelete()));
      }
    }
    return new SObjectDescription(
        d.getName(),
        d.getLabel(),
        d.getKeyPrefix(),
        d.isCustom(),
        d.isQueryable(),
        d.isReplicateable(),
        d.isRetrieveable(),
        d.isCreateable(),
        d.isUpdateable(),
        d.isDeletable(),
        d.isUndeletable(),
        fields,
        children);
  }

  /**
   * Ids of records created or changed in {@code [start, end)} ({@code getUpdated}, SOAP).
   * Salesforce ignores seconds and allows at most 30 days back.
   */
  public UpdatedRecords getUpdated(String object, Instant start, Instant end) {
    requireApiName(object);
    GetUpdatedResult r =
        partner.call("getUpdated", c -> c.getUpdated(object, calendar(start), calendar(end)));
    List<String> ids = new ArrayList<>();
    if (r.getIds() != null) {
      for (String id : r.getIds()) {
        ids.add(checkedId(id, "getUpdated"));
      }
    }
    return new UpdatedRecords(ids, instant(r.getLatestDateCovered()));
  }

  /** Records deleted in {@code [start, end)} ({@code getDeleted}, SOAP). */
  public DeletedRecords getDeleted(String object, Instant start, Instant end) {
    requireApiName(object);
    GetDeletedResult r =
        partner.call("getDeleted", c -> c.getDeleted(object, calendar(start), calendar(end)));
    List<Deletion> deletions = new ArrayList<>();
    if (r.getDeletedRecords() != null) {
      for (com.sforce.soap.partner.DeletedRecord d : r.getDeletedRecords()) {
        deletions.add(
            new Deletion(checkedId(d.getId(), "getDeleted"), instant(d.getDeletedDate())));
      }
    }
    return new DeletedRecords(
        deletions, instant(r.getEarliestDateAvailable()), instant(r.getLatestDateCovered()));
  }

  /** The server's clock ({@code getServerTimestamp}, SOAP): the end of a change window. */
  public Instant serverTimestamp() {
    return instant(partner.call("getServerTimestamp", c -> c.getServerTimestamp()).getTimestamp());
  }

  // ---------------------------------------------------------------- REST and Bulk queries

  /** The number of live records of an object ({@code SELECT COUNT()}, REST). */
  public long count(String object) {
    requireApiName(object);
    return count("SELECT COUNT() FROM " + object, false);
  }

  /** The number of records an extraction request selects. */
  public long count(ExtractionRequest request) {
    return count(request.countSoql(), request.includeDeleted());
  }

  private long count(String soql, boolean includeDeleted) {
    String path =
        version.restBase()
            + (includeDeleted ? "/queryAll" : "/query")
            + "?q="
            + java.net.URLEncoder.encode(soql, java.nio.charset.StandardCharsets.UTF_8);
    return transport
        .execute(HttpTransport.Call.get(path), r -> QueryPage.read(r.body(), r.endpoint()))
        .totalSize();
  }

  /**
   * A SOQL query over REST, streamed page by page: each record a map of field to raw JSON value
   * ({@link String}, {@link Boolean}, {@link java.math.BigDecimal}, null, nested maps for parent
   * records).
   *
   * @param includeDeleted {@code queryAll}: include records in the recycle bin
   */
  public RecordStream<Map<String, Object>> query(String soql, boolean includeDeleted) {
    return new RestQueryStream(transport, version, soql, includeDeleted);
  }

  /**
   * A SOQL query through a Bulk API 2.0 job: creates the job, waits for it, then streams its CSV
   * results row by row, each row a map of column to text (null for blank).
   */
  public RecordStream<Map<String, String>> bulkQuery(String soql, boolean includeDeleted) {
    requireBulk();
    String jobId = BulkQueryJob.create(transport, version, soql, includeDeleted);
    BulkQueryJob.awaitCompletion(transport, version, jobId, "a query");
    BulkResultStream rows = new BulkResultStream(transport, version, jobId, null, 0, 0);
    return new RecordStream<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Map<String, String> next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException();
        }
        List<String> header = rows.header();
        List<String> row = rows.next();
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          m.put(header.get(i), row.get(i));
        }
        return m;
      }

      @Override
      public void close() {
        rows.close();
      }
    };
  }

  /**
   * Starts extracting an object's records. With {@link ExtractionMethod#AUTO} the records are
   * counted first: at least {@link ClientOptions#bulkThreshold()} go through Bulk API 2.0, fewer
   * through REST; objects Bulk cannot query always go through REST.
   */
  public Extraction extract(ExtractionRequest request) {
    ExtractionMethod method = request.method();
    String object = request.object().name();
    boolean bulkPossible =
        version.major() >= ClientOptions.BULK_QUERY_SINCE
            && !transport.options().bulkUnsupported(object);
    long expected = -1;
    if (method == ExtractionMethod.AUTO) {
      if (bulkPossible) {
        expected = count(request);
        method =
            expected >= transport.options().bulkThreshold()
                ? ExtractionMethod.BULK
                : ExtractionMethod.REST;
      } else {
        method = ExtractionMethod.REST;
      }
    } else if (method == ExtractionMethod.BULK) {
      requireBulk();
    }
    if (method == ExtractionMethod.BULK) {
      try {
        String jobId =
            BulkQueryJob.create(
                transport, version, request.soql(null, false), request.includeDeleted());
        return Extraction.bulk(
            transport, request, version, expected, jobId, version, null, 0, false, 0);
      } catch (SalesforceApiException e) {
        if (request.method() != ExtractionMethod.AUTO || !bulkRefused(e)) {
          throw e;
        }
        // Bulk API cannot query this object: fall back to REST.
      }
    }
    return Extraction.rest(transport, request, version, expected, null, 0);
  }

  /**
   * Whether Bulk API 2.0 can query {@code object} with this session's API version (objects it
   * cannot query are always extracted through REST).
   */
  public boolean bulkQueryable(String object) {
    return version.major() >= ClientOptions.BULK_QUERY_SINCE
        && !transport.options().bulkUnsupported(object);
  }

  /**
   * Continues an extraction from a checkpoint (from {@link Extraction#checkpoint()} or a {@link
   * RunStoppedException}), with the same request it was taken from.
   *
   * @throws CheckpointExpiredException when the Bulk job it names no longer exists
   */
  public Extraction resume(ExtractionRequest request, ExtractionCheckpoint checkpoint) {
    if (!checkpoint.objectName().equals(request.object().name())
        || !checkpoint.querySignature().equals(request.signature())) {
      throw new IllegalArgumentException(
          "the checkpoint was taken from another extraction (" + checkpoint.objectName() + ")");
    }
    if (checkpoint.method() == ExtractionMethod.REST) {
      return Extraction.rest(
          transport, request, version, -1, checkpoint.lastId(), checkpoint.delivered());
    }
    ApiVersion jobVersion = new ApiVersion(checkpoint.apiVersion());
    try {
      BulkQueryJob.awaitCompletion(
          transport, jobVersion, checkpoint.bulkJobId(), checkpoint.objectName());
    } catch (SalesforceApiException e) {
      if (e.status() == 404) {
        throw new CheckpointExpiredException(
            "Bulk job "
                + checkpoint.bulkJobId()
                + " of the checkpoint no longer exists; extract "
                + checkpoint.objectName()
                + " again from the start");
      }
      throw e;
    }
    return Extraction.bulk(
        transport,
        request,
        version,
        -1,
        checkpoint.bulkJobId(),
        jobVersion,
        checkpoint.bulkLocator(),
        checkpoint.skipInResultSet(),
        true,
        checkpoint.delivered());
  }

  /**
   * The body of a file field (e.g. {@code ContentVersion.VersionData}), streamed; close it when
   * done.
   */
  public InputStream openBlob(String object, String id, String field) {
    return transport.open(blobCall(object, id, field)).body();
  }

  /** Consumes the body of a file field; {@link #readBlob} retries it when it breaks off. */
  @FunctionalInterface
  public interface BlobReader<T> {
    T read(InputStream body) throws IOException;
  }

  /**
   * Reads the body of a file field with {@code reader}. A body that breaks off or stalls (see
   * {@link ClientOptions#bodyReadTimeout()}) is requested again from the start and handed to {@code
   * reader} again, while the retry policy allows, so {@code reader} must tolerate being called more
   * than once (a content-addressed store does). Exceptions other than {@link IOException} from
   * {@code reader} are not retried.
   *
   * @throws MalformedResponseException when the body keeps breaking off
   */
  public <T> T readBlob(String object, String id, String field, BlobReader<T> reader) {
    return transport.execute(blobCall(object, id, field), r -> reader.read(r.body()));
  }

  private HttpTransport.Call blobCall(String object, String id, String field) {
    requireApiName(object);
    requireApiName(field);
    String id18 = SalesforceIds.to18(id);
    if (id18 == null) {
      throw new IllegalArgumentException("not a record Id");
    }
    return HttpTransport.Call.get(
            version.restBase() + "/sobjects/" + object + "/" + id18 + "/" + field)
        .header("Accept", "*/*");
  }

  // ---------------------------------------------------------------- writes

  /**
   * Creates 1 to {@value #COLLECTION_LIMIT} records of one object ({@code POST composite/sobjects},
   * {@code allOrNone=false}): each record succeeds or fails on its own. Values are the store's
   * canonical types (String, Boolean, Long, BigDecimal, LocalDate, Instant; null blanks a field).
   *
   * @return one result per record, in input order
   * @throws IllegalArgumentException for a bad field name or value type, an {@code Id}, or a count
   *     outside 1..200
   * @throws WriteOutcomeUnknownException when the call failed in a way that leaves open whether the
   *     records were written
   */
  public List<SaveResult> create(String object, List<Map<String, Object>> records) {
    return writes.create(object, records);
  }

  /**
   * Updates 1 to 200 records, each map with its {@code "Id"} ({@code PATCH composite/sobjects}).
   */
  public List<SaveResult> update(String object, List<Map<String, Object>> records) {
    return writes.update(object, records);
  }

  /**
   * Inserts or updates 1 to 200 records matched by an external Id field ({@code PATCH
   * composite/sobjects/X/field}); {@link SaveResult#created()} tells which were inserted.
   */
  public List<SaveResult> upsert(
      String object, String externalIdField, List<Map<String, Object>> records) {
    return writes.upsert(object, externalIdField, records);
  }

  /**
   * Restores 1 to 200 records from the recycle bin ({@code undelete}, SOAP, through force-wsc),
   * with the records their deletion cascaded to. A record no longer in the bin fails with {@code
   * UNDELETE_FAILED} in its result.
   */
  public List<SaveResult> undelete(List<String> ids) {
    if (ids.isEmpty() || ids.size() > COLLECTION_LIMIT) {
      throw new IllegalArgumentException(
          "one call undeletes 1 to " + COLLECTION_LIMIT + " records, not " + ids.size());
    }
    String[] id18 = new String[ids.size()];
    for (int i = 0; i < id18.length; i++) {
      id18[i] = SalesforceIds.to18(ids.get(i));
      if (id18[i] == null) {
        throw new IllegalArgumentException("not a record Id: " + ids.get(i));
      }
    }
    com.sforce.soap.partner.UndeleteResult[] r = partner.write("undelete", c -> c.undelete(id18));
    if (r == null || r.length != id18.length) {
      throw new WriteOutcomeUnknownException(
          "Salesforce answered SOAP undelete with "
              + (r == null ? 0 : r.length)
              + " results for "
              + id18.length
              + " Ids",
          null);
    }
    List<SaveResult> out = new ArrayList<>(r.length);
    for (int i = 0; i < r.length; i++) {
      List<SaveError> errors = new ArrayList<>();
      if (r[i].getErrors() != null) {
        for (com.sforce.soap.partner.IError e : r[i].getErrors()) {
          errors.add(
              new SaveError(
                  e.getStatusCode() == null ? "UNKNOWN" : enumText(e.getStatusCode()),
                  e.getMessage() == null ? "" : e.getMessage(),
                  e.getFields() == null ? List.of() : Arrays.asList(e.getFields())));
        }
      }
      if (!r[i].isSuccess() && errors.isEmpty()) {
        throw new WriteOutcomeUnknownException(
            "Salesforce answered SOAP undelete with a failed result that names no error", null);
      }
      // An UndeleteResult names the Id asked about even when it failed.
      String id = r[i].getId() == null ? id18[i] : SalesforceIds.to18(r[i].getId());
      out.add(new SaveResult(id, r[i].isSuccess(), false, r[i].isSuccess() ? List.of() : errors));
    }
    return out;
  }

  /** Opens a fresh copy of a file body for each attempt to send it. */
  @FunctionalInterface
  public interface BodySource {
    InputStream open() throws IOException;
  }

  /**
   * Creates one record with a file body ({@code ContentVersion.VersionData}, {@code
   * Attachment.Body}) as {@code multipart/form-data}, streaming the body: it is never held in
   * memory. A ContentVersion without {@code ContentDocumentId} starts a new ContentDocument.
   *
   * <p>{@code body} is read once and not closed; since it cannot be read again, the call is
   * repeated only when it failed before a byte was sent (see {@link #createWithBody(String, Map,
   * String, long, BodySource)} for a body that can be sent again after an expired session).
   *
   * @param length the exact number of bytes {@code body} delivers
   * @return the record's result; a record Salesforce refused is a failed result, not an exception
   * @throws java.io.UncheckedIOException when reading {@code body} failed, or it held another
   *     number of bytes than {@code length}; nothing was written then
   */
  public SaveResult createWithBody(
      String object, Map<String, Object> fields, String bodyField, long length, InputStream body) {
    Objects.requireNonNull(body, "body");
    InputStream unclosed =
        new java.io.FilterInputStream(body) {
          @Override
          public void close() {
            // The caller's stream stays the caller's to close.
          }
        };
    return writes.createWithBody(object, fields, bodyField, length, () -> unclosed, false);
  }

  /**
   * Like {@link #createWithBody(String, Map, String, long, InputStream)}, with a body that is
   * opened anew (and closed) for each attempt, so the call can be repeated after an outage or an
   * expired session.
   */
  public SaveResult createWithBody(
      String object, Map<String, Object> fields, String bodyField, long length, BodySource body) {
    Objects.requireNonNull(body, "body");
    return writes.createWithBody(object, fields, bodyField, length, body::open, true);
  }

  /**
   * Writes rows through one Bulk API 2.0 ingest job: creates it, streams the rows up as CSV (never
   * all in memory), closes it, polls it with growing pauses, and matches its results back to the
   * rows. Values are the store's canonical types; null (and an empty string) blanks a field ({@code
   * #N/A}). Rows of a job are read once, as the upload is sent.
   *
   * @param externalIdField the field matched on, for {@link IngestOperation#UPSERT} only (else
   *     null); the columns must include it (and {@code Id} for an update)
   * @param columns field names, or {@code Relationship__r.ExternalId__c} to set a parent by its
   *     external Id
   * @return a result per row, in input order (Salesforce's own order is not), the job id and the
   *     API calls used
   * @throws IllegalArgumentException for bad names, a row of the wrong width or a value of another
   *     type (the job is then aborted and nothing written), or more than {@value
   *     BulkIngestJob#MAX_UPLOAD_BYTES} bytes of CSV (split the rows over several jobs)
   * @throws ServiceUnavailableException when the upload failed: the job was aborted, nothing was
   *     written
   * @throws BulkIngestFailedException when the job ended Failed or Aborted (or timed out and was
   *     aborted); rows processed before stay written and are in its {@code partial()} results
   * @throws WriteOutcomeUnknownException when the results do not account for every row
   */
  public BulkIngestResult bulkIngest(
      String object,
      IngestOperation op,
      String externalIdField,
      List<String> columns,
      java.util.Iterator<List<Object>> rows) {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(rows, "rows");
    requireIngest();
    return new BulkIngestJob(transport, version, object, op, externalIdField, columns).run(rows);
  }

  /** Reads the rows of a bulk ingest anew, from the first, for each attempt to upload them. */
  @FunctionalInterface
  public interface RowSource {
    java.util.Iterator<List<Object>> open();
  }

  /**
   * Like {@link #bulkIngest(String, IngestOperation, String, List, java.util.Iterator)}, with rows
   * that can be read again: an upload refused before Salesforce processed it (an outage, an expired
   * session) is sent again instead of failing the call.
   */
  public BulkIngestResult bulkIngest(
      String object,
      IngestOperation op,
      String externalIdField,
      List<String> columns,
      RowSource rows) {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(rows, "rows");
    requireIngest();
    return new BulkIngestJob(transport, version, object, op, externalIdField, columns).run(rows);
  }

  private void requireIngest() {
    if (version.major() < BulkIngestJob.INGEST_SINCE) {
      throw new SalesforceException(
          "Bulk API 2.0 ingest needs API "
              + BulkIngestJob.INGEST_SINCE
              + ".0 or later; this org is spoken to in "
              + version);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void requireBulk() {
    if (version.major() < ClientOptions.BULK_QUERY_SINCE) {
      throw new SalesforceException(
          "Bulk API 2.0 queries need API "
              + ClientOptions.BULK_QUERY_SINCE
              + ".0 or later; this org is spoken to in "
              + version);
    }
  }

  /** Bulk API's refusals of objects or fields it cannot query. */
  private static boolean bulkRefused(SalesforceApiException e) {
    if (e.status() != 400) {
      return false;
    }
    if (e.errorCode().equals("INVALIDENTITY")) {
      return true;
    }
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return e.errorCode().equals("API_ERROR") && m.contains("not supported");
  }

  private static void requireApiName(String name) {
    if (name == null || !API_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an API name: " + name);
    }
  }

  private static String checkedId(String id, String call) {
    String id18 = SalesforceIds.to18(id);
    if (id18 == null) {
      throw new MalformedResponseException("SOAP " + call, "a record Id is not valid");
    }
    return id18;
  }

  private static String enumText(Object e) {
    if (e == null) {
      return "";
    }
    String s = e.toString();
    return s.startsWith("_") ? s.substring(1) : s;
  }

  private static Calendar calendar(Instant i) {
    return GregorianCalendar.from(ZonedDateTime.ofInstant(i, ZoneOffset.UTC));
  }

  private static Instant instant(Calendar c) {
    return c == null ? null : c.toInstant();
  }
}
