package io.orgvault.sandbox.egress;

/** Where the egress proxy reports every tunnel it was asked for, admitted or refused. */
@FunctionalInterface
public interface EgressLog {
  void connection(EgressRecord record);

  /** Each record as one INFO line of the {@code io.orgvault.sandbox.egress} logger. */
  static EgressLog systemLogger() {
    System.Logger logger = System.getLogger("io.orgvault.sandbox.egress");
    return r -> logger.log(System.Logger.Level.INFO, r.toString());
  }
}
