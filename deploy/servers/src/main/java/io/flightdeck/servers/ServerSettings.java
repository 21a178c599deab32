package io.flightdeck.servers;

import java.util.OptionalInt;
import java.util.Properties;

/**
 * The facts a server must keep across restarts (its ports, its replication server id), stored as a
 * properties file in its folder; each change is written at once, atomically.
 */
final class ServerSettings {

  private final StateFile file;
  private final Properties values;

  private ServerSettings(StateFile file) {
    this.file = file;
    this.values = file.readProperties();
  }

  static ServerSettings of(ServerFiles files) {
    return new ServerSettings(new StateFile(files.settings()));
  }

  OptionalInt getInt(String key) {
    String value = values.getProperty(key);
    return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.trim()));
  }

  void putInt(String key, int value) {
    if (String.valueOf(value).equals(values.getProperty(key))) {
      return;
    }
    values.setProperty(key, String.valueOf(value));
    file.replaceProperties(values, "Remembered by the Flightdeck launcher; delete to forget");
  }
}
