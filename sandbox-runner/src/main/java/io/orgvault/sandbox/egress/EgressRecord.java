package io.orgvault.sandbox.egress;

/**
 * One tunnel asked of the egress proxy: who asked, for where, the answer ({@code status}: 200
 * admitted, 403 not on the tenant's allowlist, 405 not a CONNECT, 400 malformed, 502 the
 * destination did not answer, 503 too many connections at once) and, for an admitted one, the bytes
 * each way.
 */
public record EgressRecord(
    String tenant,
    String host,
    int port,
    boolean allowed,
    int status,
    long bytesToDestination,
    long bytesFromDestination) {

  @Override
  public String toString() {
    return "egress tenant="
        + tenant
        + " host="
        + host
        + " port="
        + port
        + (allowed ? " allowed" : " refused")
        + " status="
        + status
        + " sent="
        + bytesToDestination
        + " received="
        + bytesFromDestination;
  }
}
