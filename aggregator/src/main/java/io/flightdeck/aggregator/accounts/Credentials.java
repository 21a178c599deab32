package io.flightdeck.aggregator.accounts;

import io.flightdeck.auth.AuthConfig;
import io.flightdeck.auth.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks an AccountSid and auth token against the stored hash. Hashes read from the store (and "no
 * such account") are kept for {@code flightdeck.auth.cache-ttl} so that a busy client costs no
 * store read per request; a rotation on this instance drops the account's entry at once, and other
 * instances stop accepting the old token when their entry expires. Thread-safe.
 */
@ApplicationScoped
public class Credentials {
  /**
   * Beyond this many cached accounts the cache starts over, so made-up AccountSids cannot fill
   * memory.
   */
  private static final int MAX_ENTRIES = 100_000;

  private final AccountStore store;
  private final long ttlNanos;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** Moves on at every rotation, so a read that started before one is not cached after it. */
  private final AtomicLong rotations = new AtomicLong();

  public Credentials(AccountStore store, AuthConfig config) {
    this.store = store;
    this.ttlNanos = config.cacheTtl().toNanos();
  }

  /** True when {@code token} is the account's current auth token. */
  public Uni<Boolean> verify(String accountSid, String token) {
    String presented = Tokens.hash(token);
    return storedHash(accountSid)
        .map(stored -> stored.map(s -> Tokens.sameHash(s, presented)).orElse(false));
  }

  /** Forgets what is cached for the account: its token has just changed. */
  public void forget(String accountSid) {
    rotations.incrementAndGet();
    cache.remove(accountSid);
  }

  private Uni<Optional<String>> storedHash(String accountSid) {
    Cached cached = cache.get(accountSid);
    if (cached != null && System.nanoTime() - cached.readAt() < ttlNanos) {
      return Uni.createFrom().item(cached.hash());
    }
    long rotationsBefore = rotations.get();
    return store
        .tokenHash(accountSid)
        .invoke(
            hash -> {
              if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
              }
              if (rotations.get() == rotationsBefore) {
                cache.put(accountSid, new Cached(hash, System.nanoTime()));
              }
            });
  }

  private record Cached(Optional<String> hash, long readAt) {}
}
