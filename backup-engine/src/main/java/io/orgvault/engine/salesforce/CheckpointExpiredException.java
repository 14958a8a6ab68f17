package io.orgvault.engine.salesforce;

/**
 * A checkpoint can no longer be resumed from: the Bulk job it names is gone (Salesforce deletes
 * jobs after some days). Start the object's extraction again without the checkpoint.
 */
public class CheckpointExpiredException extends SalesforceException {
  public CheckpointExpiredException(String message) {
    super(message);
  }
}
