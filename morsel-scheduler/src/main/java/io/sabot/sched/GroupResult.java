package io.sabot.sched;

/**
 * The outcome of a {@link TaskGroup}, delivered by {@link TaskGroup#completion()}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param groupName      the group's name.
 * @param status         how the group ended.
 * @param morselsRun     morsels that ran to the end (successfully or not); a morsel that said "not now" counts once
 *                       when it finally runs.
 * @param morselsSkipped morsels never started because the group was cancelled or failed first.
 * @param failure        the first failure when {@code status == FAILED}, else null.
 */
public record GroupResult(
    String groupName, GroupStatus status, long morselsRun, long morselsSkipped, TaskGroupFailedException failure)
{
}
