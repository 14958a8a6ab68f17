/**
 * Snapshots of a store to S3 for disaster recovery: the store's immutable files (all ciphertext)
 * uploaded once each under their SHA-256, a snapshot manifest listing them written last, a restore
 * that rebuilds the store on an empty volume and checks every byte. Format and layout in {@code
 * docs/snapshots.md}.
 */
package io.orgvault.engine.snapshot;
