package io.flightdeck.aggregator.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flightdeck.aggregator.v2010.PublicErrors.NoSuchResource;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.auth.Tokens;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The operator's API for accounts (operators' bearer token, {@code io.flightdeck.auth}): create an
 * account, rotate its auth token. A token is shown once, in the answer that made it, and never
 * stored: only its hash is.
 */
@Path("/admin/v1/Accounts")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AccountsAdminResource {
  private final AccountStore store;
  private final Credentials credentials;

  public AccountsAdminResource(AccountStore store, Credentials credentials) {
    this.store = store;
    this.credentials = credentials;
  }

  /**
   * A new account with a fresh auth token: 201 {@code {"account_sid": "AC…", "auth_token": "…"}}.
   */
  @POST
  public Uni<Response> create() {
    Sid account = Sid.mint(SidKind.ACCOUNT);
    String token = Tokens.mint();
    return store
        .create(account, Tokens.hash(token))
        .map(done -> shownOnce(Response.status(201), account, token));
  }

  /** A new auth token for the account; the old one stops working (at once on this instance). */
  @POST
  @Path("/{AccountSid}/AuthToken")
  public Uni<Response> rotate(@PathParam("AccountSid") String accountSid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    String token = Tokens.mint();
    return store
        .replaceToken(account, Tokens.hash(token))
        .map(
            found -> {
              if (!found) {
                throw new NoSuchResource("/admin/v1/Accounts/" + account + "/AuthToken");
              }
              credentials.forget(account.value());
              return shownOnce(Response.ok(), account, token);
            });
  }

  private static Response shownOnce(Response.ResponseBuilder response, Sid account, String token) {
    return response
        .header("Cache-Control", "no-store")
        .entity(new AccountCredentials(account.value(), token))
        .build();
  }

  /** An account's credentials, as shown once. */
  public record AccountCredentials(
      @JsonProperty("account_sid") String accountSid,
      @JsonProperty("auth_token") String authToken) {}
}
