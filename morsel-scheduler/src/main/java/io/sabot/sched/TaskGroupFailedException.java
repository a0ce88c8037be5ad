package io.sabot.sched;

import io.sabot.common.SabotException;

/**
 * The first failure of a morsel in a {@link TaskGroup}; names the group, the morsel's submission index and the
 * worker it ran on.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class TaskGroupFailedException extends SabotException
{
    private static final long serialVersionUID = 1L;

    private final String groupName;
    private final long morselIndex;
    private final int workerIndex;

    /**
     * @param groupName   the failed group.
     * @param morselIndex submission index of the failed morsel within the group (0-based), or -1 when the group's
     *                    sink gate threw rather than a morsel.
     * @param workerIndex the worker that ran it, or -1 for a failed sink gate.
     * @param cause       what the morsel threw.
     */
    public TaskGroupFailedException(
        final String groupName, final long morselIndex, final int workerIndex, final Throwable cause)
    {
        super("task group '" + groupName + "' failed at morsel " + morselIndex + " on worker " + workerIndex + ": " +
            cause, cause);
        this.groupName = groupName;
        this.morselIndex = morselIndex;
        this.workerIndex = workerIndex;
    }

    /**
     * @return the failed group's name.
     */
    public String groupName()
    {
        return groupName;
    }

    /**
     * @return submission index of the failed morsel.
     */
    public long morselIndex()
    {
        return morselIndex;
    }

    /**
     * @return the worker that ran the failed morsel.
     */
    public int workerIndex()
    {
        return workerIndex;
    }
}
