package io.orgvault.web.audit.rest;

import io.orgvault.audit.verify.VerifyResult;

/**
 * The verdict on the caller's chain: {@code ok}, how much was checked, the last trustworthy row,
 * and the first broken link ({@code breakKind}, {@code breakSeq}, {@code breakDetail}) if any.
 */
public record VerifyView(
    boolean ok,
    long firstSeq,
    long rowsChecked,
    long checkpointsChecked,
    long verifiedSeq,
    String verifiedHash,
    String breakKind,
    Long breakSeq,
    String breakDetail) {

  static VerifyView of(VerifyResult r) {
    var b = r.firstBreak();
    return new VerifyView(
        r.ok(),
        r.firstSeq(),
        r.rowsChecked(),
        r.checkpointsChecked(),
        r.verifiedSeq(),
        r.verifiedHash().hex(),
        b.map(x -> x.kind().name()).orElse(null),
        b.map(x -> x.seq()).orElse(null),
        b.map(x -> x.detail()).orElse(null));
  }
}
