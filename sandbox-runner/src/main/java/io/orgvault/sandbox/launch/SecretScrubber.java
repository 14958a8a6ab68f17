package io.orgvault.sandbox.launch;

import java.util.Comparator;
import java.util.List;

/**
 * Removes the secrets a launcher passed to a sandbox from what the sandbox printed, before any of
 * it reaches a log: each secret form (longest first, so no shorter one leaves a piece of a longer)
 * becomes {@value #REDACTED}.
 */
public final class SecretScrubber {
  public static final String REDACTED = "[redacted]";

  /** Shorter strings are too likely to occur by chance to be worth replacing. */
  static final int MIN_SECRET_CHARS = 8;

  private final List<String> forms;

  public SecretScrubber(List<String> forms) {
    this.forms =
        forms.stream()
            .filter(f -> f != null && f.length() >= MIN_SECRET_CHARS)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  public String scrub(String text) {
    String s = text;
    for (String f : forms) {
      s = s.replace(f, REDACTED);
    }
    return s;
  }
}
