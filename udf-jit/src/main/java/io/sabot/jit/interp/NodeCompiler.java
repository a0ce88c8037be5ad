package io.sabot.jit.interp;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.codegen.BoundTrees;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.interp.Nodes.BoolNode;
import io.sabot.jit.interp.Nodes.DoubleNode;
import io.sabot.jit.interp.Nodes.FloatNode;
import io.sabot.jit.interp.Nodes.IntNode;
import io.sabot.jit.interp.Nodes.LongNode;
import io.sabot.jit.interp.Nodes.Node;
import io.sabot.jit.interp.Nodes.Utf8Node;
import io.sabot.jit.udf.Udf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link Bound} tree into {@link Nodes}, checking on the way that every operand has the type its parent
 * requires, and numbers the scratch slots (UTF8 views, UDF argument arrays) a run needs.
 *
 * <p>Thread-safety: not thread-safe; one compiler per {@link Interpreter} construction.
 */
final class NodeCompiler
{
    private final List<Bound.Exact> sites;
    private int viewSlots;
    private final List<Integer> doubleArgSizes = new ArrayList<>();
    private final List<Integer> longArgSizes = new ArrayList<>();

    /** @param sites the program's exact decimal nodes in site order. */
    NodeCompiler(final List<Bound.Exact> sites)
    {
        this.sites = sites;
    }

    int viewSlots()
    {
        return viewSlots;
    }

    int[] doubleArgSizes()
    {
        return doubleArgSizes.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] longArgSizes()
    {
        return longArgSizes.stream().mapToInt(Integer::intValue).toArray();
    }

    Node compile(final Bound b)
    {
        return switch (b.type())
        {
            case BOOLEAN -> bool(b);
            case INT32 -> int32(b);
            case INT64 -> int64(b);
            case FLOAT32 -> float32(b);
            case FLOAT64 -> float64(b);
            case UTF8 -> utf8(b);
            case DATE, DECIMAL -> throw unsupported(b);
        };
    }

    private static void expect(final Bound b, final DataType type)
    {
        if (b.type() != type)
        {
            throw new IllegalArgumentException("expected a " + type + " expression, got " + b.type() + ": " + b);
        }
    }

    private static IllegalArgumentException unsupported(final Bound b)
    {
        return new IllegalArgumentException("the interpreter cannot evaluate " + b.getClass().getSimpleName() +
            " of type " + b.type() + ": " + b);
    }

    private static List<Bound> coalesceArgs(final Bound.Coalesce co)
    {
        if (co.args().isEmpty())
        {
            throw new IllegalArgumentException("coalesce needs at least one argument");
        }
        return co.args();
    }

    private static Bound arg(final List<Bound> args, final int i, final Bound parent)
    {
        if (i >= args.size())
        {
            throw new IllegalArgumentException("missing argument " + i + " of " + parent);
        }
        return args.get(i);
    }

    private static void arity(final List<Bound> args, final int n, final Bound parent)
    {
        if (args.size() != n)
        {
            throw new IllegalArgumentException("expected " + n + " arguments, got " + args.size() + ": " + parent);
        }
    }

    // ---- per result type ---------------------------------------------------------------------------------------

    BoolNode bool(final Bound b)
    {
        expect(b, DataType.BOOLEAN);
        return switch (b)
        {
            case Bound.Column col -> new Nodes.BoolColumn(col.index());
            case Bound.Literal lit -> new Nodes.BoolLiteral(lit.value() != null && (Boolean)lit.value(),
                lit.value() == null);
            case Bound.Compare cmp -> compare(cmp);
            case Bound.And and -> new Nodes.And(bool(and.left()), bool(and.right()));
            case Bound.Or or -> new Nodes.Or(bool(or.left()), bool(or.right()));
            case Bound.Not not -> new Nodes.Not(bool(not.arg()));
            case Bound.IsNull isNull -> new Nodes.IsNull(compile(isNull.arg()));
            case Bound.If f -> new Nodes.BoolIf(bool(f.condition()), bool(f.then()), bool(f.otherwise()));
            case Bound.Coalesce co -> new Nodes.BoolCoalesce(coalesceArgs(co).stream().map(this::bool)
                .toArray(BoolNode[]::new));
            case Bound.Cast cast -> switch (cast.arg().type())
            {
                case INT32 -> new Nodes.CastToBool(int32(cast.arg()), null, null, null);
                case INT64 -> new Nodes.CastToBool(null, int64(cast.arg()), null, null);
                case FLOAT32 -> new Nodes.CastToBool(null, null, float32(cast.arg()), null);
                case FLOAT64 -> new Nodes.CastToBool(null, null, null, float64(cast.arg()));
                default -> throw unsupported(b);
            };
            case Bound.StringPredicate sp -> new Nodes.StringPredicate(sp.op(), utf8(sp.left()), utf8(sp.right()));
            case Bound.UdfCall call -> new Nodes.BoolUdfCall(call.udf(), doubleArgs(call),
                slot(doubleArgSizes, call));
            default -> throw unsupported(b);
        };
    }

    private BoolNode compare(final Bound.Compare cmp)
    {
        final DataType type = cmp.left().type();
        expect(cmp.right(), type);
        return switch (type)
        {
            case BOOLEAN -> new Nodes.BoolCompare(cmp.op(), bool(cmp.left()), bool(cmp.right()));
            case INT32 -> new Nodes.IntCompare(cmp.op(), int32(cmp.left()), int32(cmp.right()));
            case INT64 -> new Nodes.LongCompare(cmp.op(), int64(cmp.left()), int64(cmp.right()));
            case FLOAT32 -> new Nodes.FloatCompare(cmp.op(), float32(cmp.left()), float32(cmp.right()));
            case FLOAT64 -> new Nodes.DoubleCompare(cmp.op(), float64(cmp.left()), float64(cmp.right()));
            case UTF8 -> new Nodes.Utf8Compare(cmp.op(), utf8(cmp.left()), utf8(cmp.right()));
            case DATE, DECIMAL -> throw unsupported(cmp);
        };
    }

    IntNode int32(final Bound b)
    {
        expect(b, DataType.INT32);
        return switch (b)
        {
            case Bound.Column col -> new Nodes.IntColumn(col.index());
            case Bound.Literal lit -> new Nodes.IntLiteral(lit.value() == null ? 0 : (Integer)lit.value(),
                lit.value() == null);
            case Bound.Arith a -> new Nodes.IntArith(a.op(), int32(a.left()), int32(a.right()));
            case Bound.Negate n -> new Nodes.IntNegate(int32(n.arg()));
            case Bound.If f -> new Nodes.IntIf(bool(f.condition()), int32(f.then()), int32(f.otherwise()));
            case Bound.Coalesce co -> new Nodes.IntCoalesce(coalesceArgs(co).stream().map(this::int32)
                .toArray(IntNode[]::new));
            case Bound.Cast cast -> switch (cast.arg().type())
            {
                case BOOLEAN -> new Nodes.CastToInt(bool(cast.arg()), null, null, null);
                case INT64 -> new Nodes.CastToInt(null, int64(cast.arg()), null, null);
                case FLOAT32 -> new Nodes.CastToInt(null, null, float32(cast.arg()), null);
                case FLOAT64 -> new Nodes.CastToInt(null, null, null, float64(cast.arg()));
                default -> throw unsupported(b);
            };
            case Bound.MathCall m when m.fn() == MathFn.ABS -> new Nodes.IntAbs(int32(arg(m.args(), 0, m)));
            case Bound.MathCall m when m.fn() == MathFn.MIN || m.fn() == MathFn.MAX ->
                new Nodes.IntMinMax(m.fn() == MathFn.MAX, int32(arg(m.args(), 0, m)), int32(arg(m.args(), 1, m)));
            case Bound.Length len -> new Nodes.Length(utf8(len.arg()));
            default -> throw unsupported(b);
        };
    }

    LongNode int64(final Bound b)
    {
        expect(b, DataType.INT64);
        return switch (b)
        {
            case Bound.Column col when col.isDecimal() -> new Nodes.DecimalColumn(col.index());
            case Bound.Column col -> new Nodes.LongColumn(col.index());
            case Bound.Exact e -> new Nodes.LongExact(e.op(), int64(e.left()), int64(e.right()),
                BoundTrees.siteOf(sites, e));
            case Bound.Literal lit -> new Nodes.LongLiteral(lit.value() == null ? 0L : (Long)lit.value(),
                lit.value() == null);
            case Bound.Arith a -> new Nodes.LongArith(a.op(), int64(a.left()), int64(a.right()));
            case Bound.Negate n -> new Nodes.LongNegate(int64(n.arg()));
            case Bound.If f -> new Nodes.LongIf(bool(f.condition()), int64(f.then()), int64(f.otherwise()));
            case Bound.Coalesce co -> new Nodes.LongCoalesce(coalesceArgs(co).stream().map(this::int64)
                .toArray(LongNode[]::new));
            case Bound.Cast cast -> switch (cast.arg().type())
            {
                case BOOLEAN -> new Nodes.CastToLong(bool(cast.arg()), null, null, null);
                case INT32 -> new Nodes.CastToLong(null, int32(cast.arg()), null, null);
                case FLOAT32 -> new Nodes.CastToLong(null, null, float32(cast.arg()), null);
                case FLOAT64 -> new Nodes.CastToLong(null, null, null, float64(cast.arg()));
                default -> throw unsupported(b);
            };
            case Bound.MathCall m when m.fn() == MathFn.ABS -> new Nodes.LongAbs(int64(arg(m.args(), 0, m)));
            case Bound.MathCall m when m.fn() == MathFn.MIN || m.fn() == MathFn.MAX ->
                new Nodes.LongMinMax(m.fn() == MathFn.MAX, int64(arg(m.args(), 0, m)), int64(arg(m.args(), 1, m)));
            case Bound.UdfCall call -> new Nodes.LongUdfCall(call.udf(), longArgs(call), slot(longArgSizes, call));
            default -> throw unsupported(b);
        };
    }

    FloatNode float32(final Bound b)
    {
        expect(b, DataType.FLOAT32);
        return switch (b)
        {
            case Bound.Column col -> new Nodes.FloatColumn(col.index());
            case Bound.Literal lit -> new Nodes.FloatLiteral(lit.value() == null ? 0.0f : (Float)lit.value(),
                lit.value() == null);
            case Bound.Arith a -> new Nodes.FloatArith(a.op(), float32(a.left()), float32(a.right()));
            case Bound.Negate n -> new Nodes.FloatNegate(float32(n.arg()));
            case Bound.If f -> new Nodes.FloatIf(bool(f.condition()), float32(f.then()), float32(f.otherwise()));
            case Bound.Coalesce co -> new Nodes.FloatCoalesce(coalesceArgs(co).stream().map(this::float32)
                .toArray(FloatNode[]::new));
            case Bound.Cast cast -> switch (cast.arg().type())
            {
                case BOOLEAN -> new Nodes.CastToFloat(bool(cast.arg()), null, null, null);
                case INT32 -> new Nodes.CastToFloat(null, int32(cast.arg()), null, null);
                case INT64 -> new Nodes.CastToFloat(null, null, int64(cast.arg()), null);
                case FLOAT64 -> new Nodes.CastToFloat(null, null, null, float64(cast.arg()));
                default -> throw unsupported(b);
            };
            case Bound.MathCall m when m.fn() == MathFn.ABS -> new Nodes.FloatAbs(float32(arg(m.args(), 0, m)));
            case Bound.MathCall m when m.fn() == MathFn.MIN || m.fn() == MathFn.MAX -> new Nodes.FloatMinMax(
                m.fn() == MathFn.MAX, float32(arg(m.args(), 0, m)), float32(arg(m.args(), 1, m)));
            default -> throw unsupported(b);
        };
    }

    DoubleNode float64(final Bound b)
    {
        expect(b, DataType.FLOAT64);
        return switch (b)
        {
            case Bound.Column col -> new Nodes.DoubleColumn(col.index());
            case Bound.Literal lit -> new Nodes.DoubleLiteral(lit.value() == null ? 0.0 : (Double)lit.value(),
                lit.value() == null);
            case Bound.Arith a -> new Nodes.DoubleArith(a.op(), float64(a.left()), float64(a.right()));
            case Bound.Negate n -> new Nodes.DoubleNegate(float64(n.arg()));
            case Bound.If f -> new Nodes.DoubleIf(bool(f.condition()), float64(f.then()), float64(f.otherwise()));
            case Bound.Coalesce co -> new Nodes.DoubleCoalesce(coalesceArgs(co).stream().map(this::float64)
                .toArray(DoubleNode[]::new));
            case Bound.Cast cast -> switch (cast.arg().type())
            {
                case BOOLEAN -> new Nodes.CastToDouble(bool(cast.arg()), null, null, null);
                case INT32 -> new Nodes.CastToDouble(null, int32(cast.arg()), null, null);
                case INT64 -> new Nodes.CastToDouble(null, null, int64(cast.arg()), null);
                case FLOAT32 -> new Nodes.CastToDouble(null, null, null, float32(cast.arg()));
                default -> throw unsupported(b);
            };
            case Bound.MathCall m when m.fn().arity() == 1 ->
            {
                arity(m.args(), 1, m);
                yield new Nodes.DoubleUnaryMath(m.fn(), float64(m.args().get(0)));
            }
            case Bound.MathCall m ->
            {
                arity(m.args(), 2, m);
                yield new Nodes.DoubleBinaryMath(m.fn(), float64(m.args().get(0)), float64(m.args().get(1)));
            }
            case Bound.UdfCall call -> new Nodes.DoubleUdfCall(call.udf(), doubleArgs(call),
                slot(doubleArgSizes, call));
            default -> throw unsupported(b);
        };
    }

    Utf8Node utf8(final Bound b)
    {
        expect(b, DataType.UTF8);
        return switch (b)
        {
            case Bound.Column col -> new Nodes.Utf8Column(col.index(), viewSlots++);
            case Bound.Literal lit -> new Nodes.Utf8Literal(lit.value() == null ? null :
                ((String)lit.value()).getBytes(StandardCharsets.UTF_8), viewSlots++);
            case Bound.If f -> new Nodes.Utf8If(bool(f.condition()), utf8(f.then()), utf8(f.otherwise()));
            case Bound.Coalesce co -> new Nodes.Utf8Coalesce(coalesceArgs(co).stream().map(this::utf8)
                .toArray(Utf8Node[]::new));
            default -> throw unsupported(b);
        };
    }

    // ---- UDF arguments -----------------------------------------------------------------------------------------

    private DoubleNode[] doubleArgs(final Bound.UdfCall call)
    {
        final Udf udf = call.udf();
        arity(call.args(), udf.parameterTypes().size(), call);
        final DoubleNode[] args = new DoubleNode[call.args().size()];
        for (int i = 0; i < args.length; i++)
        {
            args[i] = float64(call.args().get(i));
        }
        return args;
    }

    private LongNode[] longArgs(final Bound.UdfCall call)
    {
        final Udf udf = call.udf();
        arity(call.args(), udf.parameterTypes().size(), call);
        final LongNode[] args = new LongNode[call.args().size()];
        for (int i = 0; i < args.length; i++)
        {
            args[i] = int64(call.args().get(i));
        }
        return args;
    }

    private static int slot(final List<Integer> sizes, final Bound.UdfCall call)
    {
        sizes.add(call.args().size());
        return sizes.size() - 1;
    }
}
