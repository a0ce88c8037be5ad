package io.sabot.sched;

/**
 * One unit of scheduled work: typically a pipeline run over 10^4-10^5 rows. The scheduler knows nothing about what
 * a morsel touches.
 *
 * <p>A morsel that runs long should poll {@link MorselContext#isCancelled()} and return early when it is true. A
 * morsel whose sink cannot accept output right now calls {@link MorselContext#notNow()} and returns without side
 * effects; it is run again later. Throwing fails the whole group.
 *
 * <p>Thread-safety: run by one worker at a time; a morsel object submitted several times may run concurrently.
 */
@FunctionalInterface
public interface Morsel
{
    /**
     * @param ctx the running worker's context, valid only during this call; never null.
     * @throws Exception any failure; it fails and cancels the group.
     */
    void run(MorselContext ctx) throws Exception;
}
