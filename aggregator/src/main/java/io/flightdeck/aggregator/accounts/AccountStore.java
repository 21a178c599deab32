package io.flightdeck.aggregator.accounts;

import io.flightdeck.record.Sid;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The accounts database on the control store: one row per account with its auth token's hash.
 * Failures of the store itself surface as 503 (retry later), never as a refusal of credentials.
 */
@ApplicationScoped
public class AccountStore {
  private final Pool pool;

  public AccountStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> create(Sid account, String tokenHash) {
    return unavailableAs(
        pool.preparedQuery("INSERT INTO account (sid, auth_token_sha256) VALUES (?, ?)")
            .execute(Tuple.of(account.value(), tokenHash))
            .replaceWithVoid());
  }

  /** Replaces the account's token hash; false when there is no such account. */
  public Uni<Boolean> replaceToken(Sid account, String tokenHash) {
    return unavailableAs(
        pool.preparedQuery(
                "UPDATE account SET auth_token_sha256 = ?, date_updated = CURRENT_TIMESTAMP(6) WHERE sid = ?")
            .execute(Tuple.of(tokenHash, account.value()))
            .map(rows -> rows.rowCount() > 0));
  }

  public Uni<Optional<String>> tokenHash(String accountSid) {
    return unavailableAs(
        pool.preparedQuery("SELECT auth_token_sha256 FROM account WHERE sid = ?")
            .execute(Tuple.of(accountSid))
            .map(
                rows -> {
                  RowIterator<Row> found = rows.iterator();
                  return found.hasNext()
                      ? Optional.of(found.next().getString("auth_token_sha256"))
                      : Optional.empty();
                }));
  }

  private static <T> Uni<T> unavailableAs(Uni<T> query) {
    return query
        .onFailure()
        .transform(e -> new DependencyUnreachableException("the accounts database", e));
  }
}
