package io.sabot.jit.udf;

import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.util.List;
import java.util.Optional;

/**
 * What Sabot learned from a UDF's bytecode, and how to run it: the lifted IR (LIFTED), the method to copy and its
 * captured values (REHOSTED), or the object to call (OPAQUE).
 *
 * <p>Thread-safety: immutable.
 */
public final class UdfAnalysis
{
    private final Udf.Kind kind;
    private final String reason;
    private final List<Object> hostedValues;
    private final List<ClassDesc> hostedValueTypes;
    private final String shapeKey;

    private UdfAnalysis(final Udf.Kind kind, final String reason, final List<Object> hostedValues,
        final List<ClassDesc> hostedValueTypes, final String shapeKey)
    {
        this.kind = kind;
        this.reason = reason;
        this.hostedValues = hostedValues;
        this.hostedValueTypes = hostedValueTypes;
        this.shapeKey = shapeKey;
    }

    static UdfAnalysis analyze(final Udf udf)
    {
        return opaque(udf, "bytecode analysis not available");
    }

    private static UdfAnalysis opaque(final Udf udf, final String reason)
    {
        return new UdfAnalysis(Udf.Kind.OPAQUE, reason, List.of(udf.function()),
            List.of(ClassDesc.of(udf.functionalInterface().getName())),
            "opaque:" + udf.functionalInterface().getSimpleName());
    }

    /** @return how the UDF runs. */
    public Udf.Kind kind()
    {
        return kind;
    }

    /** @return why it is not LIFTED, or empty. */
    public String reason()
    {
        return reason;
    }

    /**
     * LIFTED only.
     *
     * @param args the call's arguments, already of the UDF's parameter types.
     * @return the UDF body as an expression over {@code args}, with captured values as literals; empty unless LIFTED.
     */
    public Optional<Expr> inline(final List<Expr> args)
    {
        return Optional.empty();
    }

    /**
     * Values the generated code must hold (as literal-like fields) and push before the arguments: the captured
     * values of a REHOSTED UDF, the lambda object of an OPAQUE one.
     *
     * @return the values, in push order.
     */
    public List<Object> hostedValues()
    {
        return hostedValues;
    }

    /**
     * @param i index into {@link #hostedValues()}.
     * @return the JVM type to hold and push it as.
     */
    public ClassDesc hostedValueType(final int i)
    {
        return hostedValueTypes.get(i);
    }

    /**
     * Part of the expression shape key: equal keys mean the same generated code may serve both UDFs (with different
     * hosted values). It never contains captured values.
     *
     * @return the key.
     */
    public String shapeKey()
    {
        return shapeKey;
    }

    void emitInvoke(final Udf udf, final CodeBuilder code, final ClassDesc owner, final String hostMethod)
    {
        final ClassDesc iface = ClassDesc.of(udf.functionalInterface().getName());
        code.invokeinterface(iface, udf.interfaceMethod(), udf.interfaceMethodType());
    }

    void addHostMethod(final Udf udf, final ClassBuilder classBuilder, final String hostMethod)
    {
        // Only REHOSTED UDFs have a host method.
    }

    static ClassDesc primitive(final DataType type)
    {
        return switch (type)
        {
            case BOOLEAN -> ConstantDescs.CD_boolean;
            case INT32 -> ConstantDescs.CD_int;
            case INT64 -> ConstantDescs.CD_long;
            case FLOAT32 -> ConstantDescs.CD_float;
            case FLOAT64 -> ConstantDescs.CD_double;
            case UTF8 -> throw new IllegalArgumentException("utf8 is not a udf parameter type");
        };
    }
}
