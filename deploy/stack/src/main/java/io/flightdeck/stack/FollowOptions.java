package io.flightdeck.stack;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of every command that starts a long operation in postflight-service and follows it to
 * its end (split, pivot, schema apply, partition retirement): where the service is ({@code --url})
 * and how long to follow before giving up waiting ({@code --timeout}). Giving up ends the command,
 * not the operation, which goes on in the service. A command whose operation usually takes longer
 * sets its own default with {@link LongerTimeout}.
 */
final class FollowOptions {
  private static final String TIMEOUT = "--timeout";

  @Mixin PostflightUrl postflight;

  @Option(
      names = TIMEOUT,
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      converter = DurationConverter.class,
      description =
          "How long to follow the operation before giving up waiting (ISO-8601, e.g. PT30M); it goes on "
              + "in postflight-service. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  PostflightAdmin admin() {
    return new PostflightAdmin(postflight.url);
  }

  /** An ISO-8601 duration, refused with a message naming the value. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Duration.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an ISO-8601 duration (like PT10M)");
      }
    }
  }

  /**
   * A default of one hour for {@code --timeout}, for a command's {@code defaultValueProvider}
   * (picocli asks it before the option's own default); every other option keeps its own.
   */
  static final class LongerTimeout implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      return arg instanceof OptionSpec option && option.longestName().equals(TIMEOUT)
          ? "PT1H"
          : null;
    }
  }
}
