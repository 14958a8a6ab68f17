package io.orgvault.simulator.soap;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Handler;
import io.orgvault.simulator.http.Request;

/** Placeholder until this API is implemented: every request is NOT_FOUND. */
public final class SoapApi implements Handler {
  private final SimulatorContext ctx;

  public SoapApi(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handle(Request request) {
    throw ApiException.notFound();
  }
}
