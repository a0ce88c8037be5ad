package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.expr.DataType;
import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.CompareOp;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random Arrow columns (nulls, NaN, -0.0, infinities, integer extremes) with a Java copy of their contents, and a
 * plain-Java scalar reference evaluator of {@link Bound} trees. Owns its vectors until {@link #close}.
 */
public final class VectorTestData implements AutoCloseable
{
    /** Column types of the test schema, by column index. */
    public static final DataType[] SCHEMA = {
        DataType.INT32, DataType.INT32, DataType.INT64, DataType.INT64, DataType.FLOAT32, DataType.FLOAT32,
        DataType.FLOAT64, DataType.FLOAT64, DataType.BOOLEAN, DataType.BOOLEAN
    };

    private static final double[] DOUBLE_EDGES = {
        Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.MIN_VALUE, 1.0, -1.0, 0.5, 2.5, -2.5, 1e18, -1e18, 1e10, 3e9, -3e9,
        9.223372036854775807E18, -9.223372036854775808E18, 2147483647.0, -2147483648.0, 2147483648.0, 1e19, -1e19, 1e30, -1e30, 0.99999, -0.99999
    };
    private static final long[] LONG_EDGES = {
        Long.MIN_VALUE, Long.MAX_VALUE, 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, (1L << 53) + 1, -(1L << 53) - 1,
        (1L << 24) + 1, 1L << 62
    };

    private final List<FieldVector> vectors = new ArrayList<>();
    private final Object[] values;
    private final boolean[][] valid;
    /** Frame over the vectors. */
    public final Frame frame;
    /** Number of rows. */
    public final int rows;

    /**
     * @param allocator owner of the vectors.
     * @param rows      rows per column.
     * @param random    randomness.
     * @param nullRate  probability of a null (0: validity segments are null for some columns).
     */
    public VectorTestData(final BufferAllocator allocator, final int rows, final Random random, final double nullRate)
    {
        this.rows = rows;
        this.values = new Object[SCHEMA.length];
        this.valid = new boolean[SCHEMA.length][rows];
        this.frame = new Frame(SCHEMA.length, 0);
        for (int c = 0; c < SCHEMA.length; c++)
        {
            final boolean noNulls = nullRate == 0 || random.nextInt(4) == 0;
            for (int r = 0; r < rows; r++)
            {
                valid[c][r] = noNulls || random.nextDouble() >= nullRate;
            }
            final FieldVector vector = build(allocator, c, SCHEMA[c], rows, random);
            vectors.add(vector);
            frame.values[c] = ArrowMemory.segment(vector.getDataBuffer());
            frame.validity[c] = noNulls ? null : ArrowMemory.segment(vector.getValidityBuffer());
        }
    }

    private FieldVector build(final BufferAllocator allocator, final int c, final DataType type, final int n,
        final Random random)
    {
        final String name = "c" + c;
        switch (type)
        {
            case INT32 ->
            {
                final int[] v = new int[n];
                final IntVector vec = new IntVector(name, allocator);
                vec.allocateNew(n);
                for (int r = 0; r < n; r++)
                {
                    v[r] = (int)randomLong(random);
                    vec.set(r, v[r]);
                }
                finish(vec, c, n);
                values[c] = v;
                return vec;
            }
            case INT64 ->
            {
                final long[] v = new long[n];
                final BigIntVector vec = new BigIntVector(name, allocator);
                vec.allocateNew(n);
                for (int r = 0; r < n; r++)
                {
                    v[r] = randomLong(random);
                    vec.set(r, v[r]);
                }
                finish(vec, c, n);
                values[c] = v;
                return vec;
            }
            case FLOAT32 ->
            {
                final float[] v = new float[n];
                final Float4Vector vec = new Float4Vector(name, allocator);
                vec.allocateNew(n);
                for (int r = 0; r < n; r++)
                {
                    v[r] = (float)randomDouble(random);
                    vec.set(r, v[r]);
                }
                finish(vec, c, n);
                values[c] = v;
                return vec;
            }
            case FLOAT64 ->
            {
                final double[] v = new double[n];
                final Float8Vector vec = new Float8Vector(name, allocator);
                vec.allocateNew(n);
                for (int r = 0; r < n; r++)
                {
                    v[r] = randomDouble(random);
                    vec.set(r, v[r]);
                }
                finish(vec, c, n);
                values[c] = v;
                return vec;
            }
            case BOOLEAN ->
            {
                final boolean[] v = new boolean[n];
                final BitVector vec = new BitVector(name, allocator);
                vec.allocateNew(n);
                for (int r = 0; r < n; r++)
                {
                    v[r] = random.nextBoolean();
                    vec.set(r, v[r] ? 1 : 0);
                }
                finish(vec, c, n);
                values[c] = v;
                return vec;
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    private void finish(final FieldVector vec, final int c, final int n)
    {
        for (int r = 0; r < n; r++)
        {
            if (!valid[c][r])
            {
                vec.setNull(r);
            }
        }
        vec.setValueCount(n);
    }

    /**
     * @param random randomness.
     * @return a long: an edge value, a small value, or any value.
     */
    public static long randomLong(final Random random)
    {
        return switch (random.nextInt(4))
        {
            case 0 -> LONG_EDGES[random.nextInt(LONG_EDGES.length)];
            case 1 -> random.nextInt(21) - 10;
            case 2 -> random.nextInt();
            default -> random.nextLong();
        };
    }

    /**
     * @param random randomness.
     * @return a double: an edge value, a small value, or a wide one.
     */
    public static double randomDouble(final Random random)
    {
        return switch (random.nextInt(4))
        {
            case 0 -> DOUBLE_EDGES[random.nextInt(DOUBLE_EDGES.length)];
            case 1 -> random.nextInt(21) - 10;
            case 2 -> random.nextGaussian() * 100;
            default -> Double.longBitsToDouble(random.nextLong());
        };
    }

    @Override
    public void close()
    {
        vectors.forEach(FieldVector::close);
    }

    // ------------------------------------------------------------------------------------------ reference

    /**
     * @param node a tree over {@link #SCHEMA}.
     * @param row  a row.
     * @return its value with Java scalar semantics (boxed), or null.
     */
    public Object eval(final Bound node, final int row)
    {
        return switch (node)
        {
            case Bound.Column c ->
            {
                if (!valid[c.index()][row])
                {
                    yield null;
                }
                yield switch (values[c.index()])
                {
                    case int[] a -> (Object)(a[row]);
                    case long[] a -> (Object)(a[row]);
                    case float[] a -> (Object)(a[row]);
                    case double[] a -> (Object)(a[row]);
                    case boolean[] a -> (Object)(a[row]);
                    default -> throw new IllegalStateException();
                };
            }
            case Bound.Literal l -> l.value();
            case Bound.Arith a ->
            {
                final Object x = eval(a.left(), row);
                final Object y = eval(a.right(), row);
                if (x == null || y == null)
                {
                    yield null;
                }
                yield switch (a.type())
                {
                    case INT32 -> switch (a.op())
                    {
                        case ADD -> (Object)((int)x + (int)y);
                        case SUB -> (Object)((int)x - (int)y);
                        case MUL -> (Object)((int)x * (int)y);
                        default -> throw new IllegalStateException();
                    };
                    case INT64 -> switch (a.op())
                    {
                        case ADD -> (Object)((long)x + (long)y);
                        case SUB -> (Object)((long)x - (long)y);
                        case MUL -> (Object)((long)x * (long)y);
                        default -> throw new IllegalStateException();
                    };
                    case FLOAT32 -> switch (a.op())
                    {
                        case ADD -> (Object)((float)x + (float)y);
                        case SUB -> (Object)((float)x - (float)y);
                        case MUL -> (Object)((float)x * (float)y);
                        case DIV -> (Object)((float)x / (float)y);
                        default -> throw new IllegalStateException();
                    };
                    case FLOAT64 -> switch (a.op())
                    {
                        case ADD -> (Object)((double)x + (double)y);
                        case SUB -> (Object)((double)x - (double)y);
                        case MUL -> (Object)((double)x * (double)y);
                        case DIV -> (Object)((double)x / (double)y);
                        default -> throw new IllegalStateException();
                    };
                    default -> throw new IllegalStateException();
                };
            }
            case Bound.Negate n ->
            {
                final Object x = eval(n.arg(), row);
                yield x == null ? null : switch (x)
                {
                    case Integer i -> (Object)(-i);
                    case Long l -> (Object)(-l);
                    case Float f -> (Object)(-f);
                    case Double d -> (Object)(-d);
                    default -> throw new IllegalStateException();
                };
            }
            case Bound.Compare c ->
            {
                final Object x = eval(c.left(), row);
                final Object y = eval(c.right(), row);
                if (x == null || y == null)
                {
                    yield null;
                }
                yield compare(c.op(), x, y);
            }
            case Bound.And a ->
            {
                final Boolean x = (Boolean)eval(a.left(), row);
                final Boolean y = (Boolean)eval(a.right(), row);
                if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y))
                {
                    yield false;
                }
                yield x == null || y == null ? null : true;
            }
            case Bound.Or o ->
            {
                final Boolean x = (Boolean)eval(o.left(), row);
                final Boolean y = (Boolean)eval(o.right(), row);
                if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y))
                {
                    yield true;
                }
                yield x == null || y == null ? null : false;
            }
            case Bound.Not n ->
            {
                final Boolean x = (Boolean)eval(n.arg(), row);
                yield x == null ? null : !x;
            }
            case Bound.IsNull n -> eval(n.arg(), row) == null;
            case Bound.If i -> Boolean.TRUE.equals(eval(i.condition(), row)) ? eval(i.then(), row) :
                eval(i.otherwise(), row);
            case Bound.Coalesce c ->
            {
                for (final Bound a : c.args())
                {
                    final Object x = eval(a, row);
                    if (x != null)
                    {
                        yield x;
                    }
                }
                yield null;
            }
            case Bound.Cast c ->
            {
                final Object x = eval(c.arg(), row);
                yield x == null ? null : cast(x, c.type());
            }
            case Bound.MathCall m ->
            {
                final Object x = eval(m.args().get(0), row);
                final Object y = m.args().size() > 1 ? eval(m.args().get(1), row) : 0;
                if (x == null || y == null)
                {
                    yield null;
                }
                yield switch (m.fn())
                {
                    case ABS -> switch (x)
                    {
                        case Integer i -> (Object)(Math.abs(i));
                        case Long l -> (Object)(Math.abs(l));
                        case Float f -> (Object)(Math.abs(f));
                        case Double d -> (Object)(Math.abs(d));
                        default -> throw new IllegalStateException();
                    };
                    case SQRT -> (Object)(Math.sqrt((double)x));
                    case MIN, MAX ->
                    {
                        final boolean min = m.fn() == io.sabot.jit.expr.MathFn.MIN;
                        yield switch (x)
                        {
                            case Integer i -> (Object)(min ? Math.min(i, (int)y) : Math.max(i, (int)y));
                            case Long l -> (Object)(min ? Math.min(l, (long)y) : Math.max(l, (long)y));
                            case Float f -> (Object)(min ? Math.min(f, (float)y) : Math.max(f, (float)y));
                            case Double d -> (Object)(min ? Math.min(d, (double)y) : Math.max(d, (double)y));
                            default -> throw new IllegalStateException();
                        };
                    }
                    default -> throw new IllegalStateException();
                };
            }
            default -> throw new IllegalStateException("not in the vector subset: " + node);
        };
    }

    private static boolean compare(final CompareOp op, final Object x, final Object y)
    {
        if (x instanceof Boolean a)
        {
            return op.test(Boolean.compare(a, (Boolean)y));
        }
        if (x instanceof Integer || x instanceof Long)
        {
            return op.test(Long.compare(((Number)x).longValue(), ((Number)y).longValue()));
        }
        final double a = ((Number)x).doubleValue();
        final double b = ((Number)y).doubleValue();
        return switch (op)
        {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }

    /**
     * @param x    a boxed value.
     * @param type target type.
     * @return {@code x} cast with Java semantics (BOOLEAN: 1/0 and x != 0).
     */
    public static Object cast(final Object x, final DataType type)
    {
        if (x instanceof Boolean b)
        {
            return switch (type)
            {
                case INT32 -> (Object)(b ? 1 : 0);
                case INT64 -> (Object)(b ? 1L : 0L);
                case FLOAT32 -> (Object)(b ? 1f : 0f);
                case FLOAT64 -> (Object)(b ? 1d : 0d);
                default -> throw new IllegalStateException();
            };
        }
        return switch (x)
        {
            case Integer i -> switch (type)
            {
                case INT64 -> (Object)((long)i);
                case FLOAT32 -> (Object)((float)i);
                case FLOAT64 -> (Object)((double)i);
                case BOOLEAN -> (Object)(i != 0);
                default -> throw new IllegalStateException();
            };
            case Long l -> switch (type)
            {
                case INT32 -> (Object)((int)(long)l);
                case FLOAT32 -> (Object)((float)l);
                case FLOAT64 -> (Object)((double)l);
                case BOOLEAN -> (Object)(l != 0);
                default -> throw new IllegalStateException();
            };
            case Float f -> switch (type)
            {
                case INT32 -> (Object)((int)(float)f);
                case INT64 -> (Object)((long)(float)f);
                case FLOAT64 -> (Object)((double)f);
                case BOOLEAN -> (Object)(f != 0);
                default -> throw new IllegalStateException();
            };
            case Double d -> switch (type)
            {
                case INT32 -> (Object)((int)(double)d);
                case INT64 -> (Object)((long)(double)d);
                case FLOAT32 -> (Object)((float)(double)d);
                case BOOLEAN -> (Object)(d != 0);
                default -> throw new IllegalStateException();
            };
            default -> throw new IllegalStateException();
        };
    }
}
