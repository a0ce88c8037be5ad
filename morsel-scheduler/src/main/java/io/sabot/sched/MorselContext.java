package io.sabot.sched;

/**
 * What a running {@link Morsel} can see and do: its worker, its group's cancelled flag, "not now", and spawning
 * follow-on morsels onto its own worker's deque.
 *
 * <p>Thread-safety: one instance per worker, reused for every morsel; valid only inside {@link Morsel#run}.
 */
public final class MorselContext
{
    private final Worker worker;
    Task task;
    boolean notNow;

    MorselContext(final Worker worker)
    {
        this.worker = worker;
    }

    /**
     * @return index of the worker running this morsel.
     */
    public int workerIndex()
    {
        return worker.index;
    }

    /**
     * @return NUMA node of the worker's placement, or -1 when unknown.
     */
    public int node()
    {
        return worker.placement.node();
    }

    /**
     * @return submission index of this morsel within its group.
     */
    public long morselIndex()
    {
        return task.index;
    }

    /**
     * @return the group's name.
     */
    public String groupName()
    {
        return task.group.name();
    }

    /**
     * @return true once the group is cancelled or failed; long morsels should poll it and return.
     */
    public boolean isCancelled()
    {
        return task.group.isCancelled();
    }

    /**
     * Says "not now": when this morsel returns it is queued again at the back of its group's queue (keeping its
     * in-flight slot and index) and run later. The morsel must not have produced output before saying so.
     */
    public void notNow()
    {
        notNow = true;
    }

    /**
     * Pushes a follow-on morsel of the same group onto this worker's deque (run LIFO by this worker, stealable by
     * others). Spawned morsels do not take an in-flight slot.
     *
     * @param morsel the morsel; non-null.
     * @return false when the group is already cancelled (the morsel is dropped).
     */
    public boolean spawn(final Morsel morsel)
    {
        final TaskGroup group = task.group;
        final Task child = group.newSpawnedTask(morsel);
        if (child == null)
        {
            return false;
        }
        worker.pushLocal(child);
        return true;
    }
}
