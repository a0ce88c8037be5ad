package io.sabot.runtime.connector.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sabot.common.SchemaException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One Avro writer schema compiled against one Arrow schema: a flat program that {@link AvroRowDecoder} runs once per
 * record, in the order the fields appear in the binary encoding.
 *
 * <pre>
 *   code:  [op, column, a, b] per instruction (STRIDE ints)
 *     leaf ops       column = Arrow column written; a = size (fixed) / symbol table (enum) / precision (decimal)
 *     NULLABLE       column = branch index of null (0 or 1), a = nullColumns index, b = instruction after the value
 *     SKIP           a = skippers index (a writer field without a column)
 *   fields[i]:   the writer field path of instruction i, for error messages
 *   absent:      Arrow columns the writer does not have, set null in every row
 * </pre>
 *
 * Nested records are inlined (their leaf columns are flattened {@code parent.child}), so a record is decoded by one
 * loop without recursion; only skipped arrays, maps and general unions recurse, through {@link Skipper}s.
 *
 * <p>Immutable after compilation and thread-safe: readers share one plan.
 */
final class AvroDecodePlan
{
    static final int STRIDE = 4;

    static final int BOOL = 0;
    static final int INT_TO_I4 = 1;
    static final int INT_TO_I8 = 2;
    static final int LONG_TO_I8 = 3;
    static final int INT_TO_F4 = 4;
    static final int LONG_TO_F4 = 5;
    static final int INT_TO_F8 = 6;
    static final int LONG_TO_F8 = 7;
    static final int F4 = 8;
    static final int F4_TO_F8 = 9;
    static final int F8 = 10;
    static final int UTF8 = 11;
    static final int BYTES = 12;
    static final int ENUM = 13;
    static final int FIXED = 14;
    static final int FIXED_TO_VAR = 15;
    static final int DECIMAL_BYTES = 16;
    static final int DECIMAL_FIXED = 17;
    static final int NULLABLE = 18;
    static final int SKIP = 19;

    final int[] code;
    final String[] fields;
    final byte[][][] symbols;
    final int[][] nullColumns;
    final Skipper[] skippers;
    final int[] absent;
    /** "writer schema" or "schema id N", for messages. */
    final String label;

    private AvroDecodePlan(final Compiler c, final int[] absent, final String label)
    {
        this.code = c.code.stream().mapToInt(Integer::intValue).toArray();
        this.fields = c.fields.toArray(new String[0]);
        this.symbols = c.symbols.toArray(new byte[0][][]);
        this.nullColumns = c.nullColumns.toArray(new int[0][]);
        this.skippers = c.skippers.toArray(new Skipper[0]);
        this.absent = absent;
        this.label = label;
    }

    /**
     * @param writer the writer schema (a record).
     * @param arrow  the columns to fill.
     * @param label  names the writer schema in messages.
     * @return the program.
     * @throws SchemaException naming the column and both types when a column cannot hold its field, a nullable field
     *                         meets a non-nullable column, or a non-nullable column has no field.
     */
    static AvroDecodePlan compile(final org.apache.avro.Schema writer, final Schema arrow, final String label)
    {
        final Compiler c = new Compiler(arrow, label);
        c.record(writer, "");
        final List<Field> columns = arrow.getFields();
        final List<Integer> absent = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++)
        {
            if (!c.covered[i])
            {
                if (!columns.get(i).isNullable())
                {
                    throw new SchemaException("column '" + columns.get(i).getName() + "' (" +
                        columns.get(i).getType() + ", not nullable) is not a field of the Avro " + label);
                }
                absent.add(i);
            }
        }
        if (absent.size() == columns.size() && !columns.isEmpty())
        {
            throw new SchemaException("no column of " + names(columns) + " is a field of the Avro " + label +
                " " + writer.getFullName());
        }
        return new AvroDecodePlan(c, absent.stream().mapToInt(Integer::intValue).toArray(), label);
    }

    private static List<String> names(final List<Field> columns)
    {
        return columns.stream().map(Field::getName).toList();
    }

    /** Emits the program of one writer schema. */
    private static final class Compiler
    {
        private final List<Field> columns;
        private final String label;
        private final Map<String, Integer> columnOf = new HashMap<>();
        private final Set<String> prefixes = new HashSet<>();
        private final boolean[] covered;
        private final List<Integer> code = new ArrayList<>();
        private final List<String> fields = new ArrayList<>();
        private final List<byte[][]> symbols = new ArrayList<>();
        private final List<int[]> nullColumns = new ArrayList<>();
        private final List<Skipper> skippers = new ArrayList<>();
        private final Map<org.apache.avro.Schema, Skipper> skipperOf = new IdentityHashMap<>();

        Compiler(final Schema arrow, final String label)
        {
            this.columns = arrow.getFields();
            this.label = label;
            this.covered = new boolean[columns.size()];
            for (int i = 0; i < columns.size(); i++)
            {
                final String name = columns.get(i).getName();
                if (columnOf.put(name, i) != null)
                {
                    throw new SchemaException("duplicate column '" + name + "' in an Avro record schema");
                }
                for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1))
                {
                    prefixes.add(name.substring(0, dot + 1));
                }
            }
        }

        private int emit(final int op, final int column, final int a, final int b, final String field)
        {
            final int at = fields.size();
            code.add(op);
            code.add(column);
            code.add(a);
            code.add(b);
            fields.add(field);
            return at;
        }

        void record(final org.apache.avro.Schema record, final String prefix)
        {
            for (final org.apache.avro.Schema.Field f : record.getFields())
            {
                final String name = prefix + f.name();
                final Integer column = columnOf.get(name);
                final boolean parent = prefixes.contains(name + ".");
                final org.apache.avro.Schema value = AvroFormat.nonNull(f.schema());
                final boolean isRecord = value != null && value.getType() == org.apache.avro.Schema.Type.RECORD;
                if (column == null && !(parent && isRecord))
                {
                    emit(SKIP, -1, skipperIndex(f.schema()), 0, name);
                    continue;
                }
                if (value == null)
                {
                    throw new SchemaException("column '" + name + "' cannot be read from Avro field '" + name +
                        "' of type " + f.schema() + " in the " + label + " (only unions of null and one type are" +
                        " columns)");
                }
                if (column != null && isRecord)
                {
                    throw new SchemaException("column '" + name + "' (" + columns.get(column).getType() +
                        ") cannot hold Avro record field '" + name + "' of the " + label + ": its leaf fields are " +
                        "columns named " + name + ".<field>");
                }
                final boolean nullable = value != f.schema();
                int nullOp = -1;
                final int firstColumn = fields.size();
                if (nullable)
                {
                    final int nullBranch = f.schema().getTypes().get(0).getType() ==
                        org.apache.avro.Schema.Type.NULL ? 0 : 1;
                    nullOp = emit(NULLABLE, nullBranch, nullColumns.size(), 0, name);
                    nullColumns.add(null);
                }
                if (isRecord)
                {
                    record(value, name + ".");
                }
                else
                {
                    leaf(value, column, name);
                }
                if (nullable)
                {
                    // every column written inside the value is null when the branch is null
                    final List<Integer> written = new ArrayList<>();
                    for (int i = firstColumn + 1; i < fields.size(); i++)
                    {
                        final int op = code.get(i * STRIDE);
                        if (op != NULLABLE && op != SKIP)
                        {
                            final int c = code.get(i * STRIDE + 1);
                            if (!columns.get(c).isNullable())
                            {
                                throw new SchemaException("column '" + columns.get(c).getName() + "' is not " +
                                    "nullable but Avro field '" + name + "' of the " + label + " is " + f.schema());
                            }
                            written.add(c);
                        }
                    }
                    nullColumns.set(code.get(nullOp * STRIDE + 2),
                        written.stream().mapToInt(Integer::intValue).toArray());
                    code.set(nullOp * STRIDE + 3, fields.size());
                }
            }
        }

        private void leaf(final org.apache.avro.Schema w, final int column, final String name)
        {
            final Field col = columns.get(column);
            final ArrowType t = col.getType();
            final LogicalType logical = w.getLogicalType();
            final int op = switch (w.getType())
            {
                case BOOLEAN -> t instanceof ArrowType.Bool ? BOOL : -1;
                case INT -> switch (t)
                {
                    case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() == 32 -> INT_TO_I4;
                    case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() == 64 -> INT_TO_I8;
                    case ArrowType.Date d when d.getUnit() == DateUnit.DAY && logical instanceof LogicalTypes.Date ->
                        INT_TO_I4;
                    case ArrowType.Time m when m.getUnit() == TimeUnit.MILLISECOND && m.getBitWidth() == 32 &&
                        logical instanceof LogicalTypes.TimeMillis -> INT_TO_I4;
                    case ArrowType.FloatingPoint p when p.getPrecision() == FloatingPointPrecision.SINGLE -> INT_TO_F4;
                    case ArrowType.FloatingPoint p when p.getPrecision() == FloatingPointPrecision.DOUBLE -> INT_TO_F8;
                    default -> -1;
                };
                case LONG -> switch (t)
                {
                    case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() == 64 -> LONG_TO_I8;
                    case ArrowType.Timestamp s when s.getUnit() == TimeUnit.MILLISECOND &&
                        (logical instanceof LogicalTypes.TimestampMillis ||
                            logical instanceof LogicalTypes.LocalTimestampMillis) -> LONG_TO_I8;
                    case ArrowType.Timestamp s when s.getUnit() == TimeUnit.MICROSECOND &&
                        (logical instanceof LogicalTypes.TimestampMicros ||
                            logical instanceof LogicalTypes.LocalTimestampMicros) -> LONG_TO_I8;
                    case ArrowType.Time m when m.getUnit() == TimeUnit.MICROSECOND && m.getBitWidth() == 64 &&
                        logical instanceof LogicalTypes.TimeMicros -> LONG_TO_I8;
                    case ArrowType.FloatingPoint p when p.getPrecision() == FloatingPointPrecision.SINGLE ->
                        LONG_TO_F4;
                    case ArrowType.FloatingPoint p when p.getPrecision() == FloatingPointPrecision.DOUBLE ->
                        LONG_TO_F8;
                    default -> -1;
                };
                case FLOAT -> switch (t)
                {
                    case ArrowType.FloatingPoint p when p.getPrecision() == FloatingPointPrecision.SINGLE -> F4;
                    case ArrowType.FloatingPoint p when p.getPrecision() == FloatingPointPrecision.DOUBLE -> F4_TO_F8;
                    default -> -1;
                };
                case DOUBLE -> t instanceof ArrowType.FloatingPoint p &&
                    p.getPrecision() == FloatingPointPrecision.DOUBLE ? F8 : -1;
                case STRING -> t instanceof ArrowType.Utf8 ? UTF8 : t instanceof ArrowType.Binary ? BYTES : -1;
                case BYTES -> t instanceof ArrowType.Decimal d ? decimal(logical, d, DECIMAL_BYTES) :
                    t instanceof ArrowType.Utf8 ? UTF8 : t instanceof ArrowType.Binary ? BYTES : -1;
                case FIXED -> t instanceof ArrowType.Decimal d ? decimal(logical, d, DECIMAL_FIXED) :
                    t instanceof ArrowType.FixedSizeBinary b && b.getByteWidth() == w.getFixedSize() ? FIXED :
                        t instanceof ArrowType.Binary ? FIXED_TO_VAR : -1;
                case ENUM -> t instanceof ArrowType.Utf8 ? ENUM : -1;
                default -> -1;
            };
            if (op < 0)
            {
                throw new SchemaException("column '" + col.getName() + "' of type " + t + " cannot hold Avro " +
                    "field '" + name + "' of type " + w + " in the " + label);
            }
            int a = 0;
            if (op == ENUM)
            {
                final List<String> names = w.getEnumSymbols();
                final byte[][] table = new byte[names.size()][];
                for (int i = 0; i < table.length; i++)
                {
                    table[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
                }
                a = symbols.size();
                symbols.add(table);
            }
            else if (op == FIXED || op == FIXED_TO_VAR)
            {
                a = w.getFixedSize();
            }
            else if (op == DECIMAL_BYTES || op == DECIMAL_FIXED)
            {
                a = ((ArrowType.Decimal) t).getPrecision();
            }
            emit(op, column, a, op == DECIMAL_FIXED ? w.getFixedSize() : 0, name);
            covered[column] = true;
        }

        /** Decimal into a decimal column: same scale, at least the precision. */
        private static int decimal(final LogicalType logical, final ArrowType.Decimal d, final int op)
        {
            return d.getBitWidth() == 128 && logical instanceof LogicalTypes.Decimal w && w.getScale() ==
                d.getScale() && w.getPrecision() <= d.getPrecision() ? op : -1;
        }

        /**
         * @return {@code true} if every value of the type is zero bytes long (null, fixed(0), records of those); a
         * record that contains itself other than through a union has no finite value and counts as not empty.
         */
        private static boolean zeroWidth(final org.apache.avro.Schema s, final Set<String> visiting)
        {
            return switch (s.getType())
            {
                case NULL -> true;
                case FIXED -> s.getFixedSize() == 0;
                case RECORD ->
                {
                    if (!visiting.add(s.getFullName()))
                    {
                        yield false;
                    }
                    boolean empty = true;
                    for (final org.apache.avro.Schema.Field f : s.getFields())
                    {
                        empty &= zeroWidth(f.schema(), visiting);
                    }
                    visiting.remove(s.getFullName());
                    yield empty;
                }
                default -> false;
            };
        }

        private int skipperIndex(final org.apache.avro.Schema s)
        {
            skippers.add(skipper(s));
            return skippers.size() - 1;
        }

        private Skipper skipper(final org.apache.avro.Schema s)
        {
            final Skipper known = skipperOf.get(s);
            if (known != null)
            {
                return known;
            }
            return switch (s.getType())
            {
                case NULL -> Skipper.Fixed.ZERO;
                case BOOLEAN -> Skipper.Fixed.ONE;
                case FLOAT -> Skipper.Fixed.FOUR;
                case DOUBLE -> Skipper.Fixed.EIGHT;
                case FIXED -> new Skipper.Fixed(s.getFixedSize());
                case INT, LONG, ENUM -> Skipper.Varint.INSTANCE;
                case STRING, BYTES -> Skipper.LengthPrefixed.INSTANCE;
                case ARRAY -> new Skipper.Blocks(null, skipper(s.getElementType()),
                    zeroWidth(s.getElementType(), new HashSet<>()));
                case MAP -> new Skipper.Blocks(Skipper.LengthPrefixed.INSTANCE, skipper(s.getValueType()), false);
                case UNION ->
                {
                    final List<org.apache.avro.Schema> types = s.getTypes();
                    final Skipper[] branches = new Skipper[types.size()];
                    for (int i = 0; i < branches.length; i++)
                    {
                        branches[i] = skipper(types.get(i));
                    }
                    yield new Skipper.Union(branches);
                }
                case RECORD ->
                {
                    // registered before its fields: a recursive record refers to itself
                    final Skipper.Record r = new Skipper.Record();
                    skipperOf.put(s, r);
                    final List<org.apache.avro.Schema.Field> fs = s.getFields();
                    final Skipper[] children = new Skipper[fs.size()];
                    for (int i = 0; i < children.length; i++)
                    {
                        children[i] = skipper(fs.get(i).schema());
                    }
                    r.fields = children;
                    yield r;
                }
            };
        }
    }

    /**
     * Skips one value of an Avro type without decoding it. Immutable once compiled; stateless while skipping (the
     * decoder carries the varint result).
     */
    abstract static sealed class Skipper
    {
        /** Deeper nesting of skipped values is rejected: a hostile record would otherwise overflow the stack. */
        static final int MAX_DEPTH = 512;

        /**
         * @return the position after the value, or a negative {@code AvroRowDecoder} error code.
         */
        abstract int skip(AvroRowDecoder d, byte[] b, int p, int end, int depth);

        static final class Fixed extends Skipper
        {
            static final Fixed ZERO = new Fixed(0);
            static final Fixed ONE = new Fixed(1);
            static final Fixed FOUR = new Fixed(4);
            static final Fixed EIGHT = new Fixed(8);

            private final int size;

            Fixed(final int size)
            {
                this.size = size;
            }

            @Override
            int skip(final AvroRowDecoder d, final byte[] b, final int p, final int end, final int depth)
            {
                return end - p < size ? AvroRowDecoder.TRUNCATED : p + size;
            }

        }

        static final class Varint extends Skipper
        {
            static final Varint INSTANCE = new Varint();

            @Override
            int skip(final AvroRowDecoder d, final byte[] b, final int p, final int end, final int depth)
            {
                return d.readLong(b, p, end);
            }

        }

        static final class LengthPrefixed extends Skipper
        {
            static final LengthPrefixed INSTANCE = new LengthPrefixed();

            @Override
            int skip(final AvroRowDecoder d, final byte[] b, final int p, final int end, final int depth)
            {
                final int q = d.readLong(b, p, end);
                return q < 0 ? q : d.skipBytes(d.word, q, end);
            }

        }

        static final class Record extends Skipper
        {
            private Skipper[] fields;

            @Override
            int skip(final AvroRowDecoder d, final byte[] b, final int p, final int end, final int depth)
            {
                if (depth > MAX_DEPTH)
                {
                    return AvroRowDecoder.TOO_DEEP;
                }
                int q = p;
                for (final Skipper f : fields)
                {
                    q = f.skip(d, b, q, end, depth + 1);
                    if (q < 0)
                    {
                        return q;
                    }
                }
                return q;
            }

        }

        static final class Union extends Skipper
        {
            private final Skipper[] branches;

            Union(final Skipper[] branches)
            {
                this.branches = branches;
            }

            @Override
            int skip(final AvroRowDecoder d, final byte[] b, final int p, final int end, final int depth)
            {
                if (depth > MAX_DEPTH)
                {
                    return AvroRowDecoder.TOO_DEEP;
                }
                final int q = d.readLong(b, p, end);
                if (q < 0)
                {
                    return q;
                }
                final long branch = d.word;
                if (branch < 0 || branch >= branches.length)
                {
                    d.detail = branch;
                    d.detail2 = branches.length;
                    return AvroRowDecoder.BAD_BRANCH;
                }
                return branches[(int) branch].skip(d, b, q, end, depth + 1);
            }

        }

        /** Arrays (key {@code null}) and maps (string keys): blocks of items, a zero count ends them. */
        static final class Blocks extends Skipper
        {
            private final Skipper key;
            private final Skipper item;
            /** Array items are always zero bytes long: their count says nothing about the bytes left. */
            private final boolean emptyItems;

            Blocks(final Skipper key, final Skipper item, final boolean emptyItems)
            {
                this.key = key;
                this.item = item;
                this.emptyItems = emptyItems;
            }

            @Override
            int skip(final AvroRowDecoder d, final byte[] b, final int p, final int end, final int depth)
            {
                if (depth > MAX_DEPTH)
                {
                    return AvroRowDecoder.TOO_DEEP;
                }
                int q = p;
                while (true)
                {
                    q = d.readLong(b, q, end);
                    if (q < 0)
                    {
                        return q;
                    }
                    long count = d.word;
                    if (count == 0)
                    {
                        return q;
                    }
                    if (count < 0)
                    {
                        // a negative count is followed by the block's size in bytes: skip it whole
                        q = d.readLong(b, q, end);
                        if (q < 0)
                        {
                            return q;
                        }
                        q = d.skipBytes(d.word, q, end);
                        if (q < 0)
                        {
                            return q;
                        }
                        continue;
                    }
                    if (emptyItems)
                    {
                        continue;
                    }
                    if (count > end - q)
                    {
                        // every item takes at least one byte
                        return AvroRowDecoder.TRUNCATED;
                    }
                    for (; count > 0; count--)
                    {
                        if (key != null)
                        {
                            q = key.skip(d, b, q, end, depth + 1);
                            if (q < 0)
                            {
                                return q;
                            }
                        }
                        q = item.skip(d, b, q, end, depth + 1);
                        if (q < 0)
                        {
                            return q;
                        }
                    }
                }
            }

        }
    }
}
