package io.sabot.runtime.api;

/**
 * A user's job, as run by {@code sabot run <class or jar>}: it declares its streams on the given environment and
 * executes them. The class needs a public no-argument constructor.
 *
 * <pre>{@code
 * public final class BigSpenders implements Job
 * {
 *     public void run(StreamEnvironment env, String[] args)
 *     {
 *         env.from(Sources.csv(Path.of(args[0]))).filter("amount > 100.0").writeTo(Sinks.csv(Path.of(args[1])));
 *         env.execute("big-spenders");
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Job
{
    /**
     * @param env  the environment (parallelism and memory as configured on the command line); owned by the caller.
     * @param args the job's own arguments.
     * @throws Exception any failure; the CLI reports it and exits non-zero.
     */
    void run(StreamEnvironment env, String[] args) throws Exception;
}
