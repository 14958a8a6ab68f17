package io.orgvault.audit.syslog;

/** When the disk queue forces its writes to the device. */
public enum FsyncPolicy {
  /**
   * Every accepted record is on the device before {@link DiskQueue#offer} returns: survives a power
   * loss. The default.
   */
  EVERY_RECORD,
  /**
   * Records reach the OS page cache only: survives a crash of the JVM but not of the machine. The
   * delivery cursor is still forced.
   */
  OS_CACHE
}
