package io.sabot.jit;

import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.codegen.JitEngine;
import io.sabot.jit.codegen.ProgramCompiler;
import io.sabot.jit.codegen.ProgramGenerator;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprPrinter;
import io.sabot.jit.expr.ValueType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles expressions against a schema into filters, projections and fused filter+projections.
 *
 * <p>Each request is bound (type-checked; {@link io.sabot.jit.bind.ExpressionTypeException} names the offending
 * sub-expression and column), reduced to a shape key (the tree with literal values blanked out), and served from a
 * bounded cache of generated hidden classes: the first expression of a shape defines a class, every later one with
 * the same shape only instantiates it with its own literal values. When a shape cannot be compiled (unsupported
 * construct, a method that would exceed HotSpot's 8000-byte limit, a class the JVM rejects) the expression runs on
 * the interpreter with identical results; the reason is counted in {@link #stats()}, logged once per shape, and
 * reported by the compiled object's {@code fallbackReason()}.
 *
 * <pre>
 *   ExpressionCompiler jit = ExpressionCompiler.shared();
 *   CompiledFilter f = jit.compileFilter(Exprs.col("a").mul(Exprs.col("b")).add(Exprs.col("c")).gt(Exprs.lit(1.0)),
 *       schema);
 *   try (SelectionVector sel = f.filter(batch, allocator)) { ... }
 * </pre>
 *
 * <p>Thread-safety: safe for any number of threads; concurrent requests for one shape compile it once.
 */
public final class ExpressionCompiler
{
    /**
     * Settings.
     *
     * @param cacheSize        the most shapes kept (least recently used evicted), at least 1.
     * @param forceInterpreter never generate code (benchmarks, tests); counted as fallback reason "forced".
     * @param splitThreshold   estimated bytecode size above which subtrees go to their own methods.
     * @param maxMethodBytes   every generated method must stay below this code length (HotSpot's limit is 8000).
     * @param vector           use Vector API block methods where the expression supports them.
     */
    public record Config(int cacheSize, boolean forceInterpreter, int splitThreshold, int maxMethodBytes,
        boolean vector)
    {
        /** 512 shapes, code generation on, 3000-byte split threshold, 8000-byte limit, Vector API on. */
        public static final Config DEFAULTS = new Config(512, false, ProgramGenerator.DEFAULT_SPLIT_THRESHOLD,
            ProgramGenerator.HUGE_METHOD_LIMIT, true);

        /** @param size the cache size. @return a copy with that cache size. */
        public Config withCacheSize(final int size)
        {
            return new Config(size, forceInterpreter, splitThreshold, maxMethodBytes, vector);
        }

        /** @param force whether to interpret. @return a copy with that setting. */
        public Config withForceInterpreter(final boolean force)
        {
            return new Config(cacheSize, force, splitThreshold, maxMethodBytes, vector);
        }

        /** @param threshold the split threshold. @return a copy with that threshold. */
        public Config withSplitThreshold(final int threshold)
        {
            return new Config(cacheSize, forceInterpreter, threshold, maxMethodBytes, vector);
        }

        /** @param bytes the method size limit. @return a copy with that limit. */
        public Config withMaxMethodBytes(final int bytes)
        {
            return new Config(cacheSize, forceInterpreter, splitThreshold, bytes, vector);
        }

        /** @param on whether to use the Vector API paths. @return a copy with that setting. */
        public Config withVector(final boolean on)
        {
            return new Config(cacheSize, forceInterpreter, splitThreshold, maxMethodBytes, on);
        }
    }

    private static final class Shared
    {
        static final ExpressionCompiler INSTANCE = new ExpressionCompiler(Config.DEFAULTS.withForceInterpreter(
            Boolean.getBoolean("sabot.jit.interpret")));
    }

    private final Config config;
    private final JitEngine engine;

    /**
     * @param config the settings.
     */
    public ExpressionCompiler(final Config config)
    {
        this.config = config;
        this.engine = new JitEngine(config.cacheSize(), config.forceInterpreter(),
            new ProgramCompiler.Options(config.splitThreshold(), config.maxMethodBytes(), config.vector()));
    }

    /** An instance with {@link Config#DEFAULTS}. */
    public ExpressionCompiler()
    {
        this(Config.DEFAULTS);
    }

    /**
     * @return the process-wide compiler with default settings (interpretation forced when the system property
     *     {@code sabot.jit.interpret} is true).
     */
    public static ExpressionCompiler shared()
    {
        return Shared.INSTANCE;
    }

    /** @return the settings. */
    public Config config()
    {
        return config;
    }

    /**
     * @param predicate a BOOLEAN expression.
     * @param schema    the schema of the batches it will filter.
     * @return the filter.
     * @throws io.sabot.jit.bind.ExpressionTypeException when the predicate does not type-check.
     */
    public CompiledFilter compileFilter(final Expr predicate, final Schema schema)
    {
        final Bound bound = Binder.bindPredicate(predicate, schema);
        final JitEngine.Prepared prepared = engine.prepare(Program.Mode.FILTER, bound, List.of());
        return new CompiledFilter(new BoundProgram(prepared, () -> ExprPrinter.print(predicate), schema, bound,
            List.of(), List.of(), List.of()));
    }

    /**
     * @param projections the output columns, at least one.
     * @param schema      the schema of the batches it will read.
     * @return the projection.
     * @throws io.sabot.jit.bind.ExpressionTypeException when an expression does not type-check.
     */
    public CompiledProjection compileProjection(final List<Projection> projections, final Schema schema)
    {
        requireProjections(projections);
        final List<Binder.Result> typed = bind(projections, schema);
        final List<Bound> bound = trees(typed);
        final JitEngine.Prepared prepared = engine.prepare(Program.Mode.PROJECT, null, bound);
        return new CompiledProjection(new BoundProgram(prepared, () -> text(null, projections), schema, null,
            bound, names(projections), types(typed)));
    }

    /**
     * @param predicate   a BOOLEAN expression.
     * @param projections the output columns, at least one.
     * @param schema      the schema of the batches it will read.
     * @return the fused filter+projection.
     * @throws io.sabot.jit.bind.ExpressionTypeException when an expression does not type-check.
     */
    public CompiledFilterProjection compileFilterProjection(final Expr predicate, final List<Projection> projections,
        final Schema schema)
    {
        requireProjections(projections);
        final Bound boundPredicate = Binder.bindPredicate(predicate, schema);
        final List<Binder.Result> typed = bind(projections, schema);
        final List<Bound> bound = trees(typed);
        final JitEngine.Prepared prepared = engine.prepare(Program.Mode.FILTER_PROJECT, boundPredicate, bound);
        return new CompiledFilterProjection(new BoundProgram(prepared,
            () -> text(predicate, projections), schema,
            boundPredicate, bound, names(projections), types(typed)));
    }

    /** @return the cache counters. */
    public JitStats stats()
    {
        return engine.stats();
    }

    private static void requireProjections(final List<Projection> projections)
    {
        if (projections == null || projections.isEmpty())
        {
            throw new IllegalArgumentException("at least one projection is required");
        }
    }

    private static List<Binder.Result> bind(final List<Projection> projections, final Schema schema)
    {
        final List<Binder.Result> bound = new ArrayList<>(projections.size());
        for (final Projection p : projections)
        {
            bound.add(Binder.bindTyped(p.expr(), schema));
        }
        return bound;
    }

    /**
     * Compiles a fused filter + aggregate update ({@link CompiledAggregation}). Each input is accumulated with a
     * non-null count, plus a sum, minimum or maximum when its flag is set.
     *
     * @param predicate a BOOLEAN expression, or {@code null} for every row.
     * @param inputs    the aggregate inputs (at least one); each must be of a type {@link
     *                  io.sabot.jit.exec.AccumulatorLayout} takes (integers, dates, decimals up to 18 digits, float64
     *                  without min/max).
     * @param sums      per input: keep a sum.
     * @param mins      per input: keep a minimum.
     * @param maxes     per input: keep a maximum.
     * @param schema    the schema of the batches it will read.
     * @return the aggregation; check {@link CompiledAggregation#isCompiled()}.
     * @throws io.sabot.jit.bind.ExpressionTypeException when an expression does not type-check.
     * @throws IllegalArgumentException when an input's type cannot be accumulated.
     */
    public CompiledAggregation compileAggregation(final Expr predicate, final List<Projection> inputs,
        final boolean[] sums, final boolean[] mins, final boolean[] maxes, final Schema schema)
    {
        requireProjections(inputs);
        final Bound boundPredicate = predicate == null ? null : Binder.bindPredicate(predicate, schema);
        final List<Binder.Result> typed = bind(inputs, schema);
        final List<Bound> bound = trees(typed);
        final List<io.sabot.jit.expr.DataType> lowered = new ArrayList<>(bound.size());
        for (final Bound b : bound)
        {
            lowered.add(b.type());
        }
        final io.sabot.jit.exec.AccumulatorLayout layout = io.sabot.jit.exec.AccumulatorLayout.of(lowered, sums,
            mins, maxes);
        final JitEngine.Prepared prepared = engine.prepareAccumulate(boundPredicate, bound, layout);
        return new CompiledAggregation(new BoundProgram(prepared, () -> text(predicate, inputs), schema,
            boundPredicate, bound, names(inputs), types(typed)), layout, types(typed));
    }

    private static List<Bound> trees(final List<Binder.Result> typed)
    {
        final List<Bound> out = new ArrayList<>(typed.size());
        for (final Binder.Result r : typed)
        {
            out.add(r.bound());
        }
        return out;
    }

    private static List<ValueType> types(final List<Binder.Result> typed)
    {
        final List<ValueType> out = new ArrayList<>(typed.size());
        for (final Binder.Result r : typed)
        {
            out.add(r.type());
        }
        return out;
    }

    private static List<String> names(final List<Projection> projections)
    {
        final List<String> names = new ArrayList<>(projections.size());
        for (final Projection p : projections)
        {
            names.add(p.name());
        }
        return names;
    }

    private static String text(final Expr predicate, final List<Projection> projections)
    {
        final StringBuilder sb = new StringBuilder();
        if (predicate != null)
        {
            sb.append("where ").append(ExprPrinter.print(predicate)).append(" select ");
        }
        for (int i = 0; i < projections.size(); i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append(ExprPrinter.print(projections.get(i).expr())).append(" as ").append(projections.get(i).name());
        }
        return sb.toString();
    }
}
