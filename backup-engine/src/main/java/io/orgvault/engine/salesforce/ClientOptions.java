package io.orgvault.engine.salesforce;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Settings of a {@link SalesforceClient}; every one has a default fit for production. Immutable;
 * build with {@link #builder()}.
 */
public final class ClientOptions {
  /** The newest API version this client is written and tested against (force-wsc 65.0.0). */
  public static final int MAX_SUPPORTED_API_VERSION = 65;

  /** Bulk API 2.0 query jobs exist from this version on. */
  public static final int BULK_QUERY_SINCE = 47;

  /** How long a response body may send nothing before the call is abandoned and retried. */
  public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(120);

  private final int maxApiVersion;
  private final Supplier<ApiBudget> budget;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final long bulkThreshold;
  private final int restBatchSize;
  private final int bulkMaxRecords;
  private final Duration bulkPollInitial;
  private final Duration bulkPollMax;
  private final Duration bulkJobTimeout;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration bodyReadTimeout;
  private final Set<String> bulkUnsupportedObjects;
  private final int maxFieldChars;
  private final InetSocketAddress proxy;

  private ClientOptions(Builder b) {
    this.maxApiVersion = b.maxApiVersion;
    this.budget = b.budget;
    this.retryPolicy = b.retryPolicy;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.bulkThreshold = b.bulkThreshold;
    this.restBatchSize = b.restBatchSize;
    this.bulkMaxRecords = b.bulkMaxRecords;
    this.bulkPollInitial = b.bulkPollInitial;
    this.bulkPollMax = b.bulkPollMax;
    this.bulkJobTimeout = b.bulkJobTimeout;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.bodyReadTimeout = b.bodyReadTimeout;
    this.bulkUnsupportedObjects = Set.copyOf(b.bulkUnsupportedObjects);
    this.maxFieldChars = b.maxFieldChars;
    this.proxy = b.proxy;
  }

  public static ClientOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The highest API version to negotiate (default {@value #MAX_SUPPORTED_API_VERSION}). */
  public int maxApiVersion() {
    return maxApiVersion;
  }

  /** A new budget for a run (each client is one run). */
  public ApiBudget newBudget() {
    return budget.get();
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public RandomGenerator random() {
    return random;
  }

  /** Objects with at least this many records to extract go through Bulk API 2.0. */
  public long bulkThreshold() {
    return bulkThreshold;
  }

  /** REST query page size ({@code Sforce-Query-Options: batchSize}, 200 to 2000). */
  public int restBatchSize() {
    return restBatchSize;
  }

  /** Records per Bulk result request ({@code maxRecords}). */
  public int bulkMaxRecords() {
    return bulkMaxRecords;
  }

  public Duration bulkPollInitial() {
    return bulkPollInitial;
  }

  public Duration bulkPollMax() {
    return bulkPollMax;
  }

  public Duration bulkJobTimeout() {
    return bulkJobTimeout;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for a response to begin (SOAP: for the whole response). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Objects known not to work with Bulk API 2.0 query; they are extracted over REST. */
  /**
   * The longest a response body may send nothing before the call is abandoned with {@link
   * StalledResponseException} and retried (default 120 s). {@link #requestTimeout()} bounds the
   * wait for the response headers only.
   */
  public Duration bodyReadTimeout() {
    return bodyReadTimeout;
  }

  public Set<String> bulkUnsupportedObjects() {
    return bulkUnsupportedObjects;
  }

  boolean bulkUnsupported(String object) {
    return bulkUnsupportedObjects.contains(object.toLowerCase(Locale.ROOT));
  }

  /** The longest CSV field accepted; a longer one is a malformed response, not a heap risk. */
  public int maxFieldChars() {
    return maxFieldChars;
  }

  /**
   * The HTTP proxy every call (REST, Bulk, OAuth and SOAP) tunnels through with {@code CONNECT},
   * for hosts that reach Salesforce only through an egress proxy (the tenant sandboxes); empty:
   * direct.
   */
  public Optional<InetSocketAddress> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** Builds {@link ClientOptions}. */
  public static final class Builder {
    private int maxApiVersion = MAX_SUPPORTED_API_VERSION;
    private Supplier<ApiBudget> budget = ApiBudget::defaultBudget;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RandomGenerator random = new Random();
    private long bulkThreshold = 10_000;
    private int restBatchSize = 2000;
    private int bulkMaxRecords = 50_000;
    private Duration bulkPollInitial = Duration.ofMillis(500);
    private Duration bulkPollMax = Duration.ofSeconds(15);
    private Duration bulkJobTimeout = Duration.ofHours(4);
    private Duration connectTimeout = Duration.ofSeconds(20);
    private Duration requestTimeout = Duration.ofMinutes(5);
    private Duration bodyReadTimeout = DEFAULT_BODY_READ_TIMEOUT;
    private final Set<String> bulkUnsupportedObjects = new TreeSet<>();
    private int maxFieldChars = 4 * 1024 * 1024;
    private InetSocketAddress proxy;

    private Builder() {
      // Objects Bulk API 2.0 refuses to query however they are filtered.
      bulkUnsupportedObjects.add("contentdocumentlink");
    }

    public Builder maxApiVersion(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("API version " + v);
      }
      maxApiVersion = v;
      return this;
    }

    /** The budget of a run: at most {@code fraction} of the org's daily allowance. */
    public Builder budgetFraction(double fraction) {
      ApiBudget.fractionOfDailyLimit(fraction); // validates
      budget = () -> ApiBudget.fractionOfDailyLimit(fraction);
      return this;
    }

    /** The budget of a run: {@code fraction} of the allowance and at most {@code maxCalls}. */
    public Builder budget(double fraction, long maxCalls) {
      ApiBudget.of(fraction, maxCalls); // validates
      budget = () -> ApiBudget.of(fraction, maxCalls);
      return this;
    }

    public Builder retryPolicy(RetryPolicy v) {
      retryPolicy = Objects.requireNonNull(v);
      return this;
    }

    public Builder sleeper(Sleeper v) {
      sleeper = Objects.requireNonNull(v);
      return this;
    }

    public Builder random(RandomGenerator v) {
      random = Objects.requireNonNull(v);
      return this;
    }

    public Builder bulkThreshold(long records) {
      if (records < 0) {
        throw new IllegalArgumentException("negative Bulk threshold");
      }
      bulkThreshold = records;
      return this;
    }

    public Builder restBatchSize(int v) {
      if (v < 200 || v > 2000) {
        throw new IllegalArgumentException("the REST batch size is 200 to 2000, got " + v);
      }
      restBatchSize = v;
      return this;
    }

    public Builder bulkMaxRecords(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("maxRecords must be positive, got " + v);
      }
      bulkMaxRecords = v;
      return this;
    }

    public Builder bulkPolling(Duration initial, Duration max, Duration jobTimeout) {
      bulkPollInitial = Objects.requireNonNull(initial);
      bulkPollMax = Objects.requireNonNull(max);
      bulkJobTimeout = Objects.requireNonNull(jobTimeout);
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = Objects.requireNonNull(v);
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = Objects.requireNonNull(v);
      return this;
    }

    /** Adds an object to extract over REST even when it is large. */
    public Builder bodyReadTimeout(Duration v) {
      if (v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException("the body read timeout must be positive, got " + v);
      }
      bodyReadTimeout = v;
      return this;
    }

    public Builder bulkUnsupportedObject(String object) {
      bulkUnsupportedObjects.add(object.toLowerCase(Locale.ROOT));
      return this;
    }

    /** Replaces the objects known not to work with Bulk API 2.0 query. */
    public Builder bulkUnsupportedObjects(java.util.Collection<String> objects) {
      bulkUnsupportedObjects.clear();
      objects.forEach(this::bulkUnsupportedObject);
      return this;
    }

    public Builder maxFieldChars(int v) {
      if (v < 1024) {
        throw new IllegalArgumentException("maxFieldChars below 1024: " + v);
      }
      maxFieldChars = v;
      return this;
    }

    /** Tunnels every call through this HTTP proxy ({@code CONNECT}); TLS stays end to end. */
    public Builder proxy(InetSocketAddress v) {
      proxy = Objects.requireNonNull(v);
      return this;
    }

    public ClientOptions build() {
      return new ClientOptions(this);
    }
  }
}
