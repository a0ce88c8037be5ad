package io.sabot.sched;

/**
 * Pins the calling worker thread to its placement. Called once on each worker thread before it runs any morsel.
 * Implementations must not throw for an unavailable facility: they report it and leave the thread unpinned.
 *
 * <p>Thread-safety: called concurrently from all worker threads.
 */
@FunctionalInterface
public interface WorkerPinner
{
    /** Leaves threads where the OS puts them. */
    WorkerPinner NONE = (worker, placement) -> "not pinned";

    /**
     * @param worker    worker index.
     * @param placement the worker's placement.
     * @return a short description of what was done (e.g. "pinned to cpu 1" or why not), for logs.
     */
    String pin(int worker, WorkerPlacement placement);
}
