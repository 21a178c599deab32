package io.flightdeck.inflight.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the transitions' write path: group commit and the records it remembers. */
@ConfigMapping(prefix = "flightdeck.inflight.writes")
public interface WriteConfig {
  /**
   * How long the first transition of a group waits for others before the group is written (one
   * transaction, one commit for all). Zero waits for no timer: a group is written at once while
   * fewer than {@link #groupCommitConcurrency()} of the node's groups are being written, and
   * otherwise gathers until one of them ends. Every transition is answered only after its group's
   * commit.
   */
  @WithDefault("1ms")
  Duration groupCommitWindow();

  /** The most transitions one group (one transaction) carries; a full group is written at once. */
  @WithDefault("64")
  int groupCommitMaxSize();

  /**
   * With a zero {@link #groupCommitWindow()}: how many groups of one node are written at once. The
   * more, the smaller each group and the shorter a transition's wait for a group to end.
   */
  @WithDefault("2")
  int groupCommitConcurrency();

  /**
   * How many live records this instance remembers as it last wrote or read them, so that a
   * transition needs no read before its version-checked UPDATE. A record not remembered (or
   * remembered at an older version than the store's) costs one read more; nothing else.
   */
  @WithDefault("20000")
  int rememberedRecords();
}
