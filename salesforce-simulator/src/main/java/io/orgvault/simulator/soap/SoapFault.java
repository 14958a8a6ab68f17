package io.orgvault.simulator.soap;

import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.soql.SoqlException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SOAP fault in the partner API's shape: {@code faultcode} {@code sf:CODE}, {@code faultstring}
 * {@code CODE: message} and a {@code detail} holding a typed fault ({@code
 * sf:UnexpectedErrorFault}, {@code sf:MalformedQueryFault}, ...) with {@code exceptionCode} and
 * {@code exceptionMessage} (and {@code row}/{@code column} for query faults). Clients such as
 * force-wsc turn the detail into their typed exceptions, so the detail's type and code must be ones
 * the partner WSDL declares.
 */
final class SoapFault extends RuntimeException {
  /** The fault types of the partner WSDL this simulator raises. */
  enum Type {
    UNEXPECTED_ERROR("UnexpectedErrorFault", false),
    MALFORMED_QUERY("MalformedQueryFault", true),
    INVALID_FIELD("InvalidFieldFault", true),
    INVALID_SOBJECT("InvalidSObjectFault", true),
    INVALID_QUERY_LOCATOR("InvalidQueryLocatorFault", false),
    INVALID_ID("InvalidIdFault", false),
    /** A SOAP-level fault ({@code soapenv:Client} or {@code soapenv:Server}) with no detail. */
    PLAIN(null, false);

    private final String element;
    private final boolean query;

    Type(String element, boolean query) {
      this.element = element;
      this.query = query;
    }

    /** The detail element and its {@code xsi:type}; null for {@link #PLAIN}. */
    String element() {
      return element;
    }

    /** Query faults extend ApiQueryFault and carry {@code row} and {@code column}. */
    boolean query() {
      return query;
    }
  }

  /**
   * Exception codes of the partner WSDL's {@code ExceptionCode} enumeration that this simulator
   * uses. A code outside the enumeration would make a generated client fail to parse the fault, so
   * other codes are sent as plain SOAP faults.
   */
  static final Set<String> EXCEPTION_CODES =
      Set.of(
          "API_DISABLED_FOR_ORG",
          "EXCEEDED_ID_LIMIT",
          "INVALID_BATCH_SIZE",
          "INVALID_FIELD",
          "INVALID_ID_FIELD",
          "INVALID_OPERATION",
          "INVALID_QUERY_FILTER_OPERATOR",
          "INVALID_QUERY_LOCATOR",
          "INVALID_REPLICATION_DATE",
          "INVALID_SESSION_ID",
          "INVALID_SOAP_HEADER",
          "INVALID_TYPE",
          "MALFORMED_ID",
          "MALFORMED_QUERY",
          "REQUEST_LIMIT_EXCEEDED",
          "SERVER_UNAVAILABLE",
          "UNKNOWN_EXCEPTION",
          "UNSUPPORTED_API_VERSION");

  /** Salesforce's message for a missing, unknown or expired session. */
  static final String INVALID_SESSION_MESSAGE =
      "Invalid Session ID found in SessionHeader: Illegal Session";

  private static final Pattern POSITION = Pattern.compile("Row:(\\d+):Column:(\\d+)");

  private final Type type;
  private final String code;
  private final int httpStatus;
  private final int row;
  private final int column;

  private SoapFault(Type type, String code, String message, int httpStatus, int row, int column) {
    super(message, null, false, false);
    this.type = type;
    this.code = code;
    this.httpStatus = httpStatus;
    this.row = row;
    this.column = column;
  }

  Type type() {
    return type;
  }

  /**
   * The exception code ({@code INVALID_SESSION_ID}); for plain faults {@code Client}/{@code
   * Server}.
   */
  String code() {
    return code;
  }

  int httpStatus() {
    return httpStatus;
  }

  int row() {
    return row;
  }

  int column() {
    return column;
  }

  /** The {@code faultcode} element's text. */
  String faultCode() {
    return type == Type.PLAIN ? SoapNames.ENVELOPE_PREFIX + ":" + code : "sf:" + code;
  }

  /** The {@code faultstring} element's text. */
  String faultString() {
    return type == Type.PLAIN ? getMessage() : code + ": " + getMessage();
  }

  static SoapFault invalidSession() {
    return unexpected("INVALID_SESSION_ID", INVALID_SESSION_MESSAGE);
  }

  static SoapFault unexpected(String code, String message) {
    return new SoapFault(Type.UNEXPECTED_ERROR, code, message, 500, -1, -1);
  }

  static SoapFault of(Type type, String code, String message) {
    return new SoapFault(type, code, message, 500, -1, -1);
  }

  /** A fault for a request the server cannot make sense of (bad XML, unknown operation). */
  static SoapFault client(String message) {
    return new SoapFault(Type.PLAIN, "Client", message, 500, -1, -1);
  }

  static SoapFault invalidType(String object) {
    return of(
        Type.INVALID_SOBJECT, "INVALID_TYPE", "sObject type '" + object + "' is not supported.");
  }

  static SoapFault invalidQueryLocator() {
    return of(Type.INVALID_QUERY_LOCATOR, "INVALID_QUERY_LOCATOR", "invalid query locator");
  }

  /** A query the engine refused, as the typed query fault Salesforce sends for its code. */
  static SoapFault fromSoql(SoqlException e) {
    Type type =
        switch (e.errorCode()) {
          case "MALFORMED_QUERY" -> Type.MALFORMED_QUERY;
          case "INVALID_FIELD" -> Type.INVALID_FIELD;
          case "INVALID_TYPE" -> Type.INVALID_SOBJECT;
          default -> EXCEPTION_CODES.contains(e.errorCode()) ? Type.UNEXPECTED_ERROR : Type.PLAIN;
        };
    String message = e.getMessage() == null ? e.errorCode() : e.getMessage();
    if (type == Type.PLAIN) {
      return new SoapFault(type, "Client", e.errorCode() + ": " + message, 500, -1, -1);
    }
    int row = -1;
    int column = -1;
    Matcher m = POSITION.matcher(message);
    if (m.find()) {
      row = Integer.parseInt(m.group(1));
      column = Integer.parseInt(m.group(2));
    }
    return new SoapFault(type, e.errorCode(), message, 500, row, column);
  }

  /**
   * An error the router raised (injected outage, spent limits, internal failure) as a SOAP fault.
   * SOAP faults travel with HTTP 500, except an outage, which keeps its 503 so that clients and
   * proxies see it as retryable.
   */
  static SoapFault fromApi(ApiException e) {
    int status = e.status() == 503 ? 503 : 500;
    if (e.errorCode().equals("INVALID_SESSION_ID")) {
      return invalidSession();
    }
    if (EXCEPTION_CODES.contains(e.errorCode())) {
      return new SoapFault(Type.UNEXPECTED_ERROR, e.errorCode(), e.getMessage(), status, -1, -1);
    }
    String side = e.status() >= 500 ? "Server" : "Client";
    return new SoapFault(
        Type.PLAIN, side, e.errorCode() + ": " + e.getMessage(), e.status(), -1, -1);
  }
}
