package io.sabot.jit.udf;

import io.sabot.jit.expr.DataType;

import java.io.Serializable;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user function written as a serializable Java lambda, usable in expressions through
 * {@link io.sabot.jit.expr.Exprs#call}. Sabot reads the lambda's implementation bytecode and, from best to worst:
 *
 * <ol>
 *   <li>{@link Kind#LIFTED}: the body is pure and loop-free (arithmetic, locals, forward branches, {@code Math} /
 *       {@code StrictMath} calls, captured primitive constants), so it is translated into the expression IR and
 *       fused and vectorized like any other expression; captured constants become literals;</li>
 *   <li>{@link Kind#REHOSTED}: the body is pure but has loops or instructions the IR lacks, so its bytecode is copied
 *       into the generated class as a private static method and called per row (HotSpot inlines it);</li>
 *   <li>{@link Kind#OPAQUE}: anything else (calls to other methods, allocation, fields): the lambda object itself is
 *       called per row from a specialized loop, without boxing.</li>
 * </ol>
 * Results are identical in every case. A UDF is strict: a null argument gives null without calling it.
 *
 * <p>Thread-safety: immutable once built; the lambda itself must be safe to call from several threads, since a
 * compiled expression may run on several at once.
 */
public final class Udf
{
    /** How a UDF is run; see the class comment. */
    public enum Kind
    {
        /** Translated into the expression IR. */
        LIFTED,
        /** Bytecode copied into the generated class. */
        REHOSTED,
        /** The lambda object is called. */
        OPAQUE
    }

    /** {@code double -> double}. */
    @FunctionalInterface
    public interface DoubleFn1 extends Serializable
    {
        /** @param x argument. @return result. */
        double apply(double x);
    }

    /** {@code (double, double) -> double}. */
    @FunctionalInterface
    public interface DoubleFn2 extends Serializable
    {
        /** @param x argument. @param y argument. @return result. */
        double apply(double x, double y);
    }

    /** {@code (double, double, double) -> double}. */
    @FunctionalInterface
    public interface DoubleFn3 extends Serializable
    {
        /** @param x argument. @param y argument. @param z argument. @return result. */
        double apply(double x, double y, double z);
    }

    /** {@code long -> long}. */
    @FunctionalInterface
    public interface LongFn1 extends Serializable
    {
        /** @param x argument. @return result. */
        long apply(long x);
    }

    /** {@code (long, long) -> long}. */
    @FunctionalInterface
    public interface LongFn2 extends Serializable
    {
        /** @param x argument. @param y argument. @return result. */
        long apply(long x, long y);
    }

    /** {@code double -> boolean}. */
    @FunctionalInterface
    public interface DoublePredicate1 extends Serializable
    {
        /** @param x argument. @return result. */
        boolean test(double x);
    }

    /** {@code (double, double) -> boolean}. */
    @FunctionalInterface
    public interface DoublePredicate2 extends Serializable
    {
        /** @param x argument. @param y argument. @return result. */
        boolean test(double x, double y);
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final Object function;
    private final Class<?> functionalInterface;
    private final String interfaceMethod;
    private final List<DataType> parameterTypes;
    private final DataType returnType;
    private final UdfAnalysis analysis;

    private Udf(final String name, final Object function, final Class<?> functionalInterface,
        final String interfaceMethod, final List<DataType> parameterTypes, final DataType returnType)
    {
        this.name = checkName(name);
        this.function = Objects.requireNonNull(function, "function");
        this.functionalInterface = functionalInterface;
        this.interfaceMethod = interfaceMethod;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.returnType = returnType;
        this.analysis = UdfAnalysis.analyze(this);
    }

    private static String checkName(final String name)
    {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*"))
        {
            throw new IllegalArgumentException("a udf name must be an identifier ([A-Za-z_][A-Za-z0-9_]*), was " +
                (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    private static String defaultName()
    {
        return "udf" + SEQUENCE.incrementAndGet();
    }

    // ---- factories ---------------------------------------------------------------------------------------------

    /** @param name identifier used in the text form. @param f the function. @return the UDF. */
    public static Udf doubleFn(final String name, final DoubleFn1 f)
    {
        return new Udf(name, f, DoubleFn1.class, "apply", List.of(DataType.FLOAT64), DataType.FLOAT64);
    }

    /** @param f the function. @return the UDF, named {@code udfN}. */
    public static Udf doubleFn(final DoubleFn1 f)
    {
        return doubleFn(defaultName(), f);
    }

    /** @param name identifier used in the text form. @param f the function. @return the UDF. */
    public static Udf doubleFn(final String name, final DoubleFn2 f)
    {
        return new Udf(name, f, DoubleFn2.class, "apply", List.of(DataType.FLOAT64, DataType.FLOAT64),
            DataType.FLOAT64);
    }

    /** @param f the function. @return the UDF, named {@code udfN}. */
    public static Udf doubleFn(final DoubleFn2 f)
    {
        return doubleFn(defaultName(), f);
    }

    /** @param name identifier used in the text form. @param f the function. @return the UDF. */
    public static Udf doubleFn(final String name, final DoubleFn3 f)
    {
        return new Udf(name, f, DoubleFn3.class, "apply",
            List.of(DataType.FLOAT64, DataType.FLOAT64, DataType.FLOAT64), DataType.FLOAT64);
    }

    /** @param f the function. @return the UDF, named {@code udfN}. */
    public static Udf doubleFn(final DoubleFn3 f)
    {
        return doubleFn(defaultName(), f);
    }

    /** @param name identifier used in the text form. @param f the function. @return the UDF. */
    public static Udf longFn(final String name, final LongFn1 f)
    {
        return new Udf(name, f, LongFn1.class, "apply", List.of(DataType.INT64), DataType.INT64);
    }

    /** @param f the function. @return the UDF, named {@code udfN}. */
    public static Udf longFn(final LongFn1 f)
    {
        return longFn(defaultName(), f);
    }

    /** @param name identifier used in the text form. @param f the function. @return the UDF. */
    public static Udf longFn(final String name, final LongFn2 f)
    {
        return new Udf(name, f, LongFn2.class, "apply", List.of(DataType.INT64, DataType.INT64), DataType.INT64);
    }

    /** @param f the function. @return the UDF, named {@code udfN}. */
    public static Udf longFn(final LongFn2 f)
    {
        return longFn(defaultName(), f);
    }

    /** @param name identifier used in the text form. @param f the function. @return the UDF. */
    public static Udf doublePredicate(final String name, final DoublePredicate1 f)
    {
        return new Udf(name, f, DoublePredicate1.class, "test", List.of(DataType.FLOAT64), DataType.BOOLEAN);
    }

    /** @param f the function. @return the UDF, named {@code udfN}. */
    public static Udf doublePredicate(final DoublePredicate1 f)
    {
        return doublePredicate(defaultName(), f);
    }

    /** @param name identifier used in the text form. @param f the function. @return the UDF. */
    public static Udf doublePredicate(final String name, final DoublePredicate2 f)
    {
        return new Udf(name, f, DoublePredicate2.class, "test", List.of(DataType.FLOAT64, DataType.FLOAT64),
            DataType.BOOLEAN);
    }

    /** @param f the function. @return the UDF, named {@code udfN}. */
    public static Udf doublePredicate(final DoublePredicate2 f)
    {
        return doublePredicate(defaultName(), f);
    }

    // ---- description -------------------------------------------------------------------------------------------

    /** @return the identifier used in the text form ({@code @name(...)}). */
    public String name()
    {
        return name;
    }

    /** @return the argument types, in order. */
    public List<DataType> parameterTypes()
    {
        return parameterTypes;
    }

    /** @return the result type. */
    public DataType returnType()
    {
        return returnType;
    }

    /** @return the lambda object. */
    public Object function()
    {
        return function;
    }

    /** @return the functional interface the lambda implements (one of the nested interfaces). */
    public Class<?> functionalInterface()
    {
        return functionalInterface;
    }

    /** @return the name of the interface's single abstract method. */
    public String interfaceMethod()
    {
        return interfaceMethod;
    }

    /** @return how the UDF runs. */
    public Kind kind()
    {
        return analysis.kind();
    }

    /** @return why it is not {@link Kind#LIFTED} (empty when it is). */
    public String reason()
    {
        return analysis.reason();
    }

    /** @return what the analysis found; used by the binder and the code generator. */
    public UdfAnalysis analysis()
    {
        return analysis;
    }

    @Override
    public String toString()
    {
        return "Udf[" + name + " " + parameterTypes + " -> " + returnType + ", " + kind() +
            (reason().isEmpty() ? "" : " (" + reason() + ")") + "]";
    }

    /**
     * Calls a FLOAT64-returning UDF (interpreter path).
     *
     * @param args the arguments, {@code parameterTypes().size()} of them.
     * @return the result.
     */
    public double callDouble(final double[] args)
    {
        return switch (function)
        {
            case DoubleFn1 f -> f.apply(args[0]);
            case DoubleFn2 f -> f.apply(args[0], args[1]);
            case DoubleFn3 f -> f.apply(args[0], args[1], args[2]);
            default -> throw new IllegalStateException(name + " does not return float64");
        };
    }

    /**
     * Calls an INT64-returning UDF (interpreter path).
     *
     * @param args the arguments.
     * @return the result.
     */
    public long callLong(final long[] args)
    {
        return switch (function)
        {
            case LongFn1 f -> f.apply(args[0]);
            case LongFn2 f -> f.apply(args[0], args[1]);
            default -> throw new IllegalStateException(name + " does not return int64");
        };
    }

    /**
     * Calls a BOOLEAN-returning UDF (interpreter path).
     *
     * @param args the arguments.
     * @return the result.
     */
    public boolean callBoolean(final double[] args)
    {
        return switch (function)
        {
            case DoublePredicate1 f -> f.test(args[0]);
            case DoublePredicate2 f -> f.test(args[0], args[1]);
            default -> throw new IllegalStateException(name + " does not return boolean");
        };
    }

    /** @return an unmodifiable empty list (helper for analyses without captured values). */
    static List<Object> none()
    {
        return Collections.emptyList();
    }

    /**
     * The JVM descriptor of the interface method, e.g. {@code (DD)D}.
     *
     * @return the descriptor.
     */
    public MethodTypeDesc interfaceMethodType()
    {
        final ClassDesc[] params = new ClassDesc[parameterTypes.size()];
        for (int i = 0; i < params.length; i++)
        {
            params[i] = UdfAnalysis.primitive(parameterTypes.get(i));
        }
        return MethodTypeDesc.of(UdfAnalysis.primitive(returnType), params);
    }

    /**
     * Code generation contract: emits the call with the stack holding {@link UdfAnalysis#hostedValues()} (each as
     * {@link UdfAnalysis#hostedValueType}) followed by the arguments (as {@link #parameterTypes()}); leaves the
     * result (as {@link #returnType()}, BOOLEAN as int 0/1).
     *
     * @param code       where to emit.
     * @param owner      the generated class.
     * @param hostMethod name of the method {@link #addHostMethod} added (REHOSTED only).
     */
    public void emitInvoke(final CodeBuilder code, final ClassDesc owner, final String hostMethod)
    {
        analysis.emitInvoke(this, code, owner, hostMethod);
    }

    /**
     * Code generation contract: adds the private static method a REHOSTED UDF is called through; does nothing for
     * other kinds.
     *
     * @param classBuilder the generated class.
     * @param hostMethod   the method name to use.
     */
    public void addHostMethod(final ClassBuilder classBuilder, final String hostMethod)
    {
        analysis.addHostMethod(this, classBuilder, hostMethod);
    }
}
