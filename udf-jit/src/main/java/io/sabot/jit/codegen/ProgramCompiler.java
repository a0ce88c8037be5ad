package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates, checks and defines the hidden class of one shape.
 *
 * <p>Literals and class data: the hidden class is defined with
 * {@link MethodHandles.Lookup#defineHiddenClassWithClassData class data} holding the template's constants (its shape
 * key, which its {@code toString} loads with a {@code MethodHandles.classData} dynamic constant), while literal
 * <em>values</em> are passed per instance to its constructor and kept in final fields. That is what makes one
 * template serve every expression of the same shape: a new literal set costs a constructor call, not a class.
 *
 * <p>Size: after generation every method's code length is read back from the class file; if one reaches
 * {@code maxMethodBytes} (HotSpot's 8000-byte limit by default) generation is retried with half the split threshold,
 * down to a floor, and then abandoned as "method too large". A Vector API method ({@code vec*}) that is too large
 * cannot be split, so generation is first retried without the Vector API paths.
 *
 * <p>Thread-safety: stateless; concurrent calls define distinct classes (callers de-duplicate by shape).
 */
public final class ProgramCompiler
{
    private static final MethodType FACTORY = MethodType.methodType(Program.class, Object[].class);
    private static final int MIN_THRESHOLD = 250;

    /**
     * Code generation settings.
     *
     * @param splitThreshold estimated method size above which subtrees are split out.
     * @param maxMethodBytes every method must stay below this code length.
     * @param vector         whether Vector API block methods are used for supported trees.
     */
    public record Options(int splitThreshold, int maxMethodBytes, boolean vector)
    {
        /** The defaults: split at 3000 estimated bytes, HotSpot's 8000-byte limit, Vector API on. */
        public static final Options DEFAULTS = new Options(ProgramGenerator.DEFAULT_SPLIT_THRESHOLD,
            ProgramGenerator.HUGE_METHOD_LIMIT, true);
    }

    private ProgramCompiler()
    {
    }

    /**
     * @param mode        the mode.
     * @param predicate   the predicate or {@code null}.
     * @param projections the projections.
     * @param literals    literal slots of the roots.
     * @param udfs        UDF slots of the roots.
     * @param shapeKey    the shape key (becomes class data).
     * @param options     settings.
     * @return the defined template.
     * @throws CodegenException when the shape cannot be compiled.
     */
    public static ProgramTemplate compile(final Program.Mode mode, final Bound predicate,
        final List<Bound> projections, final LiteralSlots literals, final UdfSlots udfs, final String shapeKey,
        final Options options)
    {
        return compile(mode, predicate, projections, literals, udfs, null, shapeKey, options);
    }

    /**
     * @param mode         the mode.
     * @param predicate    the predicate or {@code null}.
     * @param projections  the projections (ACCUMULATE: the inputs).
     * @param literals     literal slots of the roots.
     * @param udfs         UDF slots of the roots.
     * @param accumulators ACCUMULATE: where the inputs go; else {@code null}.
     * @param shapeKey     the shape key (becomes class data).
     * @param options      settings.
     * @return the defined template.
     * @throws CodegenException when the shape cannot be compiled.
     */
    public static ProgramTemplate compile(final Program.Mode mode, final Bound predicate,
        final List<Bound> projections, final LiteralSlots literals, final UdfSlots udfs,
        final io.sabot.jit.exec.AccumulatorLayout accumulators, final String shapeKey, final Options options)
    {
        if ((mode == Program.Mode.ACCUMULATE) != (accumulators != null))
        {
            throw new CodegenException("unsupported", "an accumulator layout goes with ACCUMULATE mode only", null);
        }
        ProgramGenerator.Generated generated = null;
        int threshold = options.splitThreshold();
        boolean vector = options.vector();
        while (true)
        {
            try
            {
                generated = ProgramGenerator.generate(new ProgramGenerator.Spec(mode, predicate,
                    new ArrayList<>(projections), literals, udfs, threshold, vector, accumulators));
            }
            catch (final UnsupportedOperationException | IllegalArgumentException e)
            {
                throw new CodegenException("unsupported", String.valueOf(e.getMessage()), e);
            }
            catch (final StackOverflowError e)
            {
                throw new CodegenException("unsupported", "expression too deep", e);
            }
            catch (final RuntimeException e)
            {
                // a generator bug must cost speed, not results: the interpreter runs the expression instead
                throw new CodegenException("internal error", e.toString(), e);
            }
            if (generated.largestMethod() < options.maxMethodBytes())
            {
                break;
            }
            if (vector && generated.largestName().startsWith("vec"))
            {
                // a Vector API method cannot be split; the scalar block methods can
                vector = false;
                continue;
            }
            if (threshold <= MIN_THRESHOLD)
            {
                throw new CodegenException("method too large", generated.largestName() + " has " +
                    generated.largestMethod() + " bytes of code, limit " + options.maxMethodBytes(), null);
            }
            threshold = Math.max(MIN_THRESHOLD, threshold / 2);
        }
        return define(generated, shapeKey);
    }

    private static ProgramTemplate define(final ProgramGenerator.Generated generated, final String shapeKey)
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup()
                .defineHiddenClassWithClassData(generated.bytes(), shapeKey, true);
            final MethodHandle factory = lookup.findConstructor(lookup.lookupClass(),
                MethodType.methodType(void.class, Object[].class)).asType(FACTORY);
            return new ProgramTemplate(lookup.lookupClass(), factory, shapeKey, generated.largestMethod(),
                generated.scratchSlots());
        }
        catch (final VerifyError e)
        {
            throw new CodegenException("verify error", String.valueOf(e.getMessage()), e);
        }
        catch (final ClassFormatError e)
        {
            throw new CodegenException("class format error", String.valueOf(e.getMessage()), e);
        }
        catch (final LinkageError e)
        {
            throw new CodegenException("linkage error", String.valueOf(e.getMessage()), e);
        }
        catch (final IllegalAccessException | NoSuchMethodException e)
        {
            throw new CodegenException("linkage error", String.valueOf(e.getMessage()), e);
        }
    }
}
