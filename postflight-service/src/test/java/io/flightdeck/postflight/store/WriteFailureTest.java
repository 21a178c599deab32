package io.flightdeck.postflight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class WriteFailureTest {

  @Test
  void valuesTheShardRefusesAreTheRecordsFault() {
    assertThat(
            WriteFailure.of(
                new MySQLException("Data too long for column 'to_address'", 1406, "22001")))
        .isEqualTo(WriteFailure.REFUSED_RECORDS);
    assertThat(
            WriteFailure.of(
                new MySQLException("Out of range value for column 'error_code'", 1264, "22003")))
        .isEqualTo(WriteFailure.REFUSED_RECORDS);
    assertThat(WriteFailure.of(new MySQLException("Incorrect datetime value", 1292, "22007")))
        .isEqualTo(WriteFailure.REFUSED_RECORDS);
    assertThat(WriteFailure.of(new MySQLException("Incorrect string value", 1366, "HY000")))
        .isEqualTo(WriteFailure.REFUSED_RECORDS);
    assertThat(
            WriteFailure.of(new MySQLException("Table has no partition for value", 1526, "HY000")))
        .isEqualTo(WriteFailure.REFUSED_RECORDS);
    assertThat(
            WriteFailure.of(
                new UnstorableRecordException("CA…", "end_time is outside what its column holds")))
        .isEqualTo(WriteFailure.REFUSED_RECORDS);
  }

  @Test
  void theUpsertsGuardAgainstAnIdHandedOutTwiceIsPassingTrouble() {
    assertThat(
            WriteFailure.of(new MySQLException("Column 'version' cannot be null", 1048, "23000")))
        .isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
    assertThat(WriteFailure.of(new MySQLException("Column 'status' cannot be null", 1048, "23000")))
        .isEqualTo(WriteFailure.REFUSED_RECORDS);
  }

  @Test
  void outagesAndTheShardsOwnProblemsAreTheShardsFault() {
    assertThat(WriteFailure.of(new ConnectException("Connection refused")))
        .isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
    assertThat(WriteFailure.of(ClosedConnectionException.INSTANCE))
        .isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
    assertThat(WriteFailure.of(new TimeoutException())).isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
    assertThat(
            WriteFailure.of(
                new MySQLException(
                    "The MariaDB server is running with the --read-only option", 1290, "HY000")))
        .isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
    assertThat(WriteFailure.of(new MySQLException("Lock wait timeout exceeded", 1205, "HY000")))
        .isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
    assertThat(
            WriteFailure.of(
                new MySQLException("Table 'postflight.calls' doesn't exist", 1146, "42S02")))
        .isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
  }
}
