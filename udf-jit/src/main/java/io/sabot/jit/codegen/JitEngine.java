package io.sabot.jit.codegen;

import io.sabot.jit.JitStats;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.interp.Interpreter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns bound trees into a runnable {@link Program}: assigns literal and UDF slots, computes the shape key, takes the
 * shape's template from the {@link ProgramCache} (compiling it on a miss) and instantiates it with this expression's
 * values; or, when the shape cannot be compiled (or interpretation is forced), builds an {@link Interpreter}. The
 * first fallback of a shape logs one warning.
 *
 * <p>A cache hit costs the slot assignment, the key, one map lookup and one constructor call through an exact
 * method handle.
 *
 * <p>Thread-safety: safe for any number of threads.
 */
public final class JitEngine
{
    private static final Logger LOG = LoggerFactory.getLogger(JitEngine.class);

    /** Fallback reason counted when interpretation is forced by configuration. */
    public static final String FORCED = "forced";

    private final ProgramCache cache;
    private final boolean forceInterpreter;
    private final ProgramCompiler.Options options;

    /**
     * A runnable program and how it came about.
     *
     * @param program        the program.
     * @param shapeKey       its shape key.
     * @param compiled       true for a generated class, false for the interpreter.
     * @param fallbackReason why it is interpreted, or {@code null} when compiled.
     */
    public record Prepared(Program program, String shapeKey, boolean compiled, String fallbackReason)
    {
    }

    /**
     * @param cacheSize        the most shapes cached.
     * @param forceInterpreter always interpret (benchmarks, tests).
     * @param options          code generation settings.
     */
    public JitEngine(final int cacheSize, final boolean forceInterpreter, final ProgramCompiler.Options options)
    {
        this.cache = new ProgramCache(cacheSize);
        this.forceInterpreter = forceInterpreter;
        this.options = options;
    }

    /**
     * @param mode        the mode.
     * @param predicate   the BOOLEAN predicate (FILTER, FILTER_PROJECT), else {@code null}.
     * @param projections the projections (PROJECT, FILTER_PROJECT), else empty.
     * @return the program.
     */
    public Prepared prepare(final Program.Mode mode, final Bound predicate, final List<Bound> projections)
    {
        final List<Bound> roots = new ArrayList<>(projections.size() + 1);
        if (predicate != null)
        {
            roots.add(predicate);
        }
        roots.addAll(projections);
        final LiteralSlots literals = LiteralSlots.assign(roots);
        final UdfSlots udfs = UdfSlots.assign(roots);
        final String key = ShapeKey.of(mode, predicate, projections, literals, udfs);
        if (forceInterpreter)
        {
            cache.recordFallback(FORCED);
            return new Prepared(new Interpreter(mode, predicate, projections), key, false,
                "interpreter forced by configuration");
        }
        final ProgramCache.Outcome outcome = cache.get(key,
            () -> compileLogged(mode, predicate, projections, literals, udfs, key));
        if (outcome.template() == null)
        {
            return new Prepared(new Interpreter(mode, predicate, projections), key, false, outcome.reason());
        }
        final Program program;
        try
        {
            program = outcome.template().instantiate(values(literals, udfs));
        }
        catch (final RuntimeException e)
        {
            // literal values the template cannot take (a binder/template mismatch): interpret rather than fail
            cache.recordFallback("internal error");
            LOG.warn("generated constructor rejected the values of {}: {}", abbreviate(key), e.toString());
            return new Prepared(new Interpreter(mode, predicate, projections), key, false,
                "internal error: " + e);
        }
        return new Prepared(program, key, true, null);
    }

    /**
     * An ACCUMULATE program. There is no interpreted form: when the shape cannot be compiled (or interpretation is
     * forced) the result has a {@code null} program and the reason, and the caller aggregates another way.
     *
     * @param predicate    the BOOLEAN predicate or {@code null}.
     * @param inputs       the accumulated inputs.
     * @param accumulators where they go.
     * @return the program, or a {@code null} program with the fallback reason.
     */
    public Prepared prepareAccumulate(final Bound predicate, final List<Bound> inputs,
        final io.sabot.jit.exec.AccumulatorLayout accumulators)
    {
        final List<Bound> roots = new ArrayList<>(inputs.size() + 1);
        if (predicate != null)
        {
            roots.add(predicate);
        }
        roots.addAll(inputs);
        final LiteralSlots literals = LiteralSlots.assign(roots);
        final UdfSlots udfs = UdfSlots.assign(roots);
        final String key = ShapeKey.of(Program.Mode.ACCUMULATE, predicate, inputs, literals, udfs) + "|" +
            accumulators.key();
        if (forceInterpreter)
        {
            cache.recordFallback(FORCED);
            return new Prepared(null, key, false, "interpreter forced by configuration");
        }
        final ProgramCache.Outcome outcome = cache.get(key, () ->
        {
            try
            {
                return ProgramCompiler.compile(Program.Mode.ACCUMULATE, predicate, inputs, literals, udfs,
                    accumulators, key, options);
            }
            catch (final CodegenException e)
            {
                LOG.warn("aggregation shape not compiled ({}): {}", e.getMessage(), abbreviate(key));
                throw e;
            }
        });
        if (outcome.template() == null)
        {
            return new Prepared(null, key, false, outcome.reason());
        }
        try
        {
            return new Prepared(outcome.template().instantiate(values(literals, udfs)), key, true, null);
        }
        catch (final RuntimeException e)
        {
            cache.recordFallback("internal error");
            return new Prepared(null, key, false, "internal error: " + e);
        }
    }

    private ProgramTemplate compileLogged(final Program.Mode mode, final Bound predicate,
        final List<Bound> projections, final LiteralSlots literals, final UdfSlots udfs, final String key)
    {
        try
        {
            return ProgramCompiler.compile(mode, predicate, projections, literals, udfs, key, options);
        }
        catch (final CodegenException e)
        {
            LOG.warn("expression shape runs on the interpreter ({}): {}", e.getMessage(), abbreviate(key));
            throw e;
        }
    }

    private static String abbreviate(final String key)
    {
        return key.length() <= 300 ? key : key.substring(0, 300) + "... (" + key.length() + " chars)";
    }

    private static Object[] values(final LiteralSlots literals, final UdfSlots udfs)
    {
        final Object[] lits = literals.values();
        if (udfs.count() == 0)
        {
            return lits;
        }
        final List<Object> hosted = udfs.values();
        final Object[] all = new Object[lits.length + hosted.size()];
        System.arraycopy(lits, 0, all, 0, lits.length);
        for (int i = 0; i < hosted.size(); i++)
        {
            all[lits.length + i] = hosted.get(i);
        }
        return all;
    }

    /** @return the cache counters. */
    public JitStats stats()
    {
        return cache.stats();
    }
}
