package io.flightdeck.inflight.lifecycle;

import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;

/**
 * A transition waiting for its group's commit. Its caller is answered on the Vert.x context it came
 * from, where its request (and Hibernate Reactive's session, if it needs one) belongs.
 */
record WaitingWrite(GroupCommit.Write write, UniEmitter<? super Boolean> emitter, Context context) {
  WaitingWrite(GroupCommit.Write write, UniEmitter<? super Boolean> emitter) {
    this(write, emitter, io.vertx.core.Vertx.currentContext());
  }

  void answer(boolean applied) {
    run(() -> emitter.complete(applied));
  }

  void fail(Throwable failure) {
    run(() -> emitter.fail(failure));
  }

  private void run(Runnable action) {
    if (context == null) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }
}
