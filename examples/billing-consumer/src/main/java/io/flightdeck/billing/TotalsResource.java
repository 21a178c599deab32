package io.flightdeck.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * An account's running totals, as the ledger has them: for other services (an invoicing system,
 * with a service token) and operators.
 */
@Path("/billing/v1/Accounts/{AccountSid}/Totals")
@Callers({Role.SERVICE, Role.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class TotalsResource {
  private final DataSource db;

  public TotalsResource(DataSource db) {
    this.db = db;
  }

  /**
   * Records charged, units (minutes and segments) and the amount; zeros for an account never
   * charged.
   */
  @GET
  public Totals totals(@PathParam("AccountSid") String accountSid) throws SQLException {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    try (Connection connection = db.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT records, units, amount_micros FROM account_total WHERE account_sid = ?")) {
      query.setString(1, account.value());
      try (ResultSet row = query.executeQuery()) {
        return row.next()
            ? Totals.of(account.value(), row.getLong(1), row.getLong(2), row.getLong(3))
            : Totals.of(account.value(), 0, 0, 0);
      }
    }
  }

  /** Amounts in US dollars as a decimal string (six places, as charged), and in millionths. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Totals(
      String accountSid,
      long records,
      long units,
      long amountMicros,
      String amount,
      String currency) {
    static Totals of(String account, long records, long units, long micros) {
      return new Totals(
          account, records, units, micros, BigDecimal.valueOf(micros, 6).toPlainString(), "USD");
    }
  }
}
