package io.sabot.runtime.exec;

import io.sabot.runtime.plan.Stage;

/**
 * An exchange-fed stage: {@code parallelism} mailbox-driven instances.
 */
final class ActorStage
{
    private final Stage plan;
    private final ActorInstance[] instances;

    ActorStage(final Stage plan, final ActorInstance[] instances)
    {
        this.plan = plan;
        this.instances = instances;
    }

    Stage plan()
    {
        return plan;
    }

    int parallelism()
    {
        return instances.length;
    }

    ActorInstance instance(final int index)
    {
        return instances[index];
    }
}
