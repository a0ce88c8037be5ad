package io.sabot.sched;

/**
 * A morsel bound to its group and submission index; what the deques and queues carry.
 *
 * <p>Thread-safety: immutable; handed between threads through the deques/queues.
 */
final class Task
{
    final TaskGroup group;
    final Morsel morsel;
    final long index;
    final boolean holdsSlot;

    Task(final TaskGroup group, final Morsel morsel, final long index, final boolean holdsSlot)
    {
        this.group = group;
        this.morsel = morsel;
        this.index = index;
        this.holdsSlot = holdsSlot;
    }
}
