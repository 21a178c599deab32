package io.flightdeck.billing;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.record.InvalidFieldException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code GET /admin/v1/Accounting[?Day=YYYY-MM-DD]}: the three counts per account and day, and the
 * drift. Operators only.
 */
@Path("/admin/v1/Accounting")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AccountingResource {
  private final Accounting accounting;

  public AccountingResource(Accounting accounting) {
    this.accounting = accounting;
  }

  @GET
  public Accounting.Report report(@QueryParam("Day") String day) throws SQLException {
    return accounting.report(Optional.ofNullable(day).map(AccountingResource::date));
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException("Day", "Day must be a date like 2026-11-23");
    }
  }
}
