package io.sabot.runtime.exec;

import io.sabot.runtime.plan.Stage;

/**
 * An exchange-fed stage: {@code parallelism} mailbox-driven instances.
 */
final class ActorStage
{
    private final Stage plan;
    private final ActorInstance[] instances;
    private final java.util.concurrent.atomic.AtomicInteger saturated = new java.util.concurrent.atomic.AtomicInteger();

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

    /** One instance needs no more input (it calls this once). */
    void instanceSaturated()
    {
        saturated.incrementAndGet();
    }

    /** @return whether no instance can use more input, so producers feeding only this stage may stop reading. */
    boolean saturated()
    {
        return saturated.get() == instances.length;
    }
}
