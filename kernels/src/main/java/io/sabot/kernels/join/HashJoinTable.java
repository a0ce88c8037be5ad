package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import io.sabot.common.SabotException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The build side of a hash join: rows are added batch by batch with {@link #add(Batch)}, {@link #finish()} builds
 * the lookup index, and then any number of {@link HashJoinProbe}s (one per thread) probe it.
 *
 * <p>At {@code finish()} the table picks one of three indexes: for a single integer-like key (int8..int64, date,
 * time, timestamp) whose non-null values span at most {@value DenseIndex#MAX_RANGE_FACTOR} times the number of rows,
 * a dense direct-index array (no hashing; "perfect hash" as in DuckDB); for other single integer keys, an
 * open-addressing table with the key inline; for utf8 and multi-column keys, an open-addressing table of full row
 * hashes. All hash with {@link io.sabot.simd.Hash64}. Duplicate build keys are chained, so every match is found.
 * Build rows with a null in any key column are kept (their payload is stored) but never match.
 *
 * <p>Build row ids: the rows added, numbered from 0 in the order they were added (only the selected/ranged rows of
 * each batch count). {@link ProbeResult#buildRow(int)} reports these ids.
 *
 * <p>Memory: everything (key copies, index, chain array, payload column copies) is allocated from the allocator given
 * to {@link #create}; {@link #close()} frees it all. Input batches are copied, never retained or closed.
 *
 * <p>Thread-safety: {@code add} and {@code finish} from one thread; after {@code finish} the table is immutable and
 * probers on different threads may share it. {@code close} only after every prober is closed.
 */
public final class HashJoinTable implements AutoCloseable
{
    private final BufferAllocator allocator;
    private final Schema buildSchema;
    private final KeyColumn[] keys;
    private final Field[] payloadFields;
    private final FieldVector[] payload;
    private final OffHeapBuffer nullFlags;
    private OffHeapBuffer next;
    private JoinIndex index;
    private int rowCount;
    private long liveRows;
    private boolean finished;
    private boolean closed;

    private HashJoinTable(final BufferAllocator allocator, final Schema buildSchema, final List<String> keyColumns,
        final List<String> payloadColumns)
    {
        if (keyColumns.isEmpty())
        {
            throw new SchemaException("a hash join needs at least one key column");
        }
        this.allocator = allocator;
        this.buildSchema = buildSchema;
        final List<Field> keyFields = new ArrayList<>(keyColumns.size());
        for (final String name : keyColumns)
        {
            final Field field = field(buildSchema, name, "build key");
            KeyColumn.keyWidth(field);
            keyFields.add(field);
        }
        final List<String> payloadNames = payloadColumns == null ? names(buildSchema) : payloadColumns;
        this.payloadFields = new Field[payloadNames.size()];
        for (int i = 0; i < payloadFields.length; i++)
        {
            payloadFields[i] = field(buildSchema, payloadNames.get(i), "build payload");
        }
        this.keys = new KeyColumn[keyFields.size()];
        this.payload = new FieldVector[payloadFields.length];
        OffHeapBuffer flags = null;
        try
        {
            for (int i = 0; i < keys.length; i++)
            {
                keys[i] = KeyColumn.create(allocator, keyFields.get(i));
            }
            for (int i = 0; i < payload.length; i++)
            {
                payload[i] = payloadFields[i].createVector(allocator);
                payload[i].allocateNew();
            }
            flags = new OffHeapBuffer(allocator, 1024);
        }
        catch (final RuntimeException | Error e)
        {
            closeAll(keys, payload, flags);
            throw e;
        }
        this.nullFlags = flags;
    }

    /**
     * Creates a build table that keeps every build column as payload.
     *
     * @param allocator   the allocator for all of the table's memory (the caller keeps ownership of the allocator).
     * @param buildSchema the schema every build batch has (matched by column name and type).
     * @param keyColumns  the build key column names, in key order.
     * @return an empty table; close it.
     * @throws SchemaException for an unknown column, a key type that cannot be joined, or no key columns.
     */
    public static HashJoinTable create(final BufferAllocator allocator, final Schema buildSchema,
        final List<String> keyColumns)
    {
        return new HashJoinTable(allocator, buildSchema, keyColumns, null);
    }

    /**
     * Creates a build table that keeps only the named payload columns (an empty list keeps none, e.g. for semi/anti
     * joins or counting).
     *
     * @param allocator      the allocator for all of the table's memory.
     * @param buildSchema    the schema every build batch has.
     * @param keyColumns     the build key column names, in key order.
     * @param payloadColumns the build columns copied for output, in output order.
     * @return an empty table; close it.
     * @throws SchemaException for an unknown column or a key type that cannot be joined.
     */
    public static HashJoinTable create(final BufferAllocator allocator, final Schema buildSchema,
        final List<String> keyColumns, final List<String> payloadColumns)
    {
        return new HashJoinTable(allocator, buildSchema, keyColumns, List.copyOf(payloadColumns));
    }

    /**
     * Adds the live rows of a build batch (its selection, if any). The batch is copied, not retained or closed.
     *
     * @param batch a batch with the build schema's key and payload columns.
     */
    public void add(final Batch batch)
    {
        add(batch, batch.rows());
    }

    /**
     * Adds the given rows of a build batch (the batch's own selection is ignored in favour of {@code rows}).
     *
     * @param batch a batch with the build schema's key and payload columns.
     * @param rows  which physical rows to add.
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}.
     * @throws SchemaException       for a missing column, a type that differs from the build schema, or rows outside
     *                               the batch.
     */
    public void add(final Batch batch, final Rows rows)
    {
        checkOpen();
        if (finished)
        {
            throw new IllegalStateException("hash join build side is finished; add() must come before finish()");
        }
        final FieldVector[] keyVectors = new FieldVector[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            keyVectors[i] = checked(batch, keys[i].name, keys[i].type.toString(), keys[i].type, rows);
        }
        final FieldVector[] payloadVectors = new FieldVector[payload.length];
        for (int i = 0; i < payload.length; i++)
        {
            payloadVectors[i] = checked(batch, payloadFields[i].getName(), payloadFields[i].getType().toString(),
                payloadFields[i].getType(), rows);
        }
        final int n = rows.count();
        if ((long)rowCount + n > Integer.MAX_VALUE - 1)
        {
            throw new SabotException("hash join build side exceeds " + (Integer.MAX_VALUE - 1) + " rows");
        }
        nullFlags.ensureCapacity((long)rowCount + n);
        nullFlags.segment().asSlice(rowCount, n).fill((byte)0);
        for (int i = 0; i < keys.length; i++)
        {
            keys[i].append(keyVectors[i], rows, rowCount, nullFlags);
        }
        for (int c = 0; c < payload.length; c++)
        {
            JoinGather.append(payload[c], rowCount, payloadVectors[c], rows);
        }
        rowCount += n;
    }

    /**
     * Builds the index. After this the table is read-only and can be probed.
     *
     * @throws IllegalStateException if already finished or closed.
     */
    public void finish()
    {
        checkOpen();
        if (finished)
        {
            throw new IllegalStateException("hash join build side is already finished");
        }
        final MemorySegment flags = nullFlags.segment();
        next = new OffHeapBuffer(allocator, (long)Math.max(1, rowCount) * Integer.BYTES);
        final MemorySegment chain = next.segment();
        long live = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        final FixedKeyColumn single = keys.length == 1 && keys[0] instanceof FixedKeyColumn f ? f : null;
        for (int r = 0; r < rowCount; r++)
        {
            if (flags.get(ValueLayout.JAVA_BYTE, r) == 0)
            {
                live++;
                if (single != null)
                {
                    final long v = single.value(r);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        liveRows = live;
        if (single != null && DenseIndex.eligible(max - min, live))
        {
            index = DenseIndex.build(allocator, single, flags, rowCount, min, max - min + 1, chain);
        }
        else if (single != null)
        {
            index = LongHashIndex.build(allocator, single, flags, rowCount, live, chain);
        }
        else
        {
            index = GenericHashIndex.build(allocator, keys, flags, rowCount, live, chain);
        }
        finished = true;
    }

    /**
     * @param type      the join type.
     * @param probeKeys the probe key column names, matching the build keys in number, order and type.
     * @return a prober with output limit {@link HashJoinProbe#DEFAULT_MAX_OUTPUT_ROWS}; close it.
     */
    public HashJoinProbe probe(final JoinType type, final List<String> probeKeys)
    {
        return probe(type, probeKeys, HashJoinProbe.DEFAULT_MAX_OUTPUT_ROWS);
    }

    /**
     * @param type          the join type.
     * @param probeKeys     the probe key column names, matching the build keys in number, order and type.
     * @param maxOutputRows the most rows one {@link HashJoinProbe#next()} returns (at least 1).
     * @return a prober owning scratch and output buffers from this table's allocator; close it.
     * @throws IllegalStateException before {@link #finish()} or after {@link #close()}.
     * @throws SchemaException       when the probe keys do not match the build keys in number.
     */
    public HashJoinProbe probe(final JoinType type, final List<String> probeKeys, final int maxOutputRows)
    {
        checkOpen();
        if (!finished)
        {
            throw new IllegalStateException("hash join probed before finish(): call finish() on the build side first");
        }
        if (probeKeys.size() != keys.length)
        {
            throw new SchemaException("probe keys " + probeKeys + " do not match the " + keys.length +
                " build keys " + keyNames());
        }
        if (maxOutputRows < 1)
        {
            throw new SchemaException("maxOutputRows must be >= 1, was " + maxOutputRows);
        }
        return new HashJoinProbe(this, type, List.copyOf(probeKeys), maxOutputRows);
    }

    /**
     * @return the number of build rows added (including rows with null keys).
     */
    public int rowCount()
    {
        return rowCount;
    }

    /**
     * @return the number of build rows with no null key (the rows that can match); valid after finish.
     */
    public long matchableRows()
    {
        return liveRows;
    }

    /**
     * @return true once {@link #finish()} chose the dense direct-index array.
     */
    public boolean isDense()
    {
        return index instanceof DenseIndex;
    }

    /**
     * @return a description of the index for logs ("dense(...)", "hash(...)"), or "unfinished".
     */
    public String describeIndex()
    {
        return index == null ? "unfinished" : index.describe();
    }

    /**
     * @return the build schema given at creation.
     */
    public Schema buildSchema()
    {
        return buildSchema;
    }

    /**
     * @return the build key column names.
     */
    public List<String> keyNames()
    {
        final List<String> names = new ArrayList<>(keys.length);
        for (final KeyColumn key : keys)
        {
            names.add(key.name);
        }
        return names;
    }

    KeyColumn[] keys()
    {
        return keys;
    }

    JoinIndex index()
    {
        return index;
    }

    MemorySegment chain()
    {
        return next.segment();
    }

    Field[] payloadFields()
    {
        return payloadFields;
    }

    FieldVector[] payload()
    {
        return payload;
    }

    BufferAllocator allocator()
    {
        return allocator;
    }

    void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("hash join table is closed");
        }
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closeAll(keys, payload, nullFlags);
        if (next != null)
        {
            next.close();
        }
        if (index != null)
        {
            index.close();
        }
    }

    private static void closeAll(final KeyColumn[] keys, final FieldVector[] payload, final OffHeapBuffer flags)
    {
        for (final KeyColumn key : keys)
        {
            if (key != null)
            {
                key.close();
            }
        }
        for (final FieldVector vector : payload)
        {
            if (vector != null)
            {
                vector.close();
            }
        }
        if (flags != null)
        {
            flags.close();
        }
    }

    private static FieldVector checked(final Batch batch, final String name, final String typeName,
        final org.apache.arrow.vector.types.pojo.ArrowType type, final Rows rows)
    {
        final FieldVector vector = batch.column(name);
        if (!vector.getField().getType().equals(type))
        {
            throw new SchemaException("build column '" + name + "' has type " + vector.getField().getType() +
                " but the build schema says " + typeName);
        }
        rows.checkWithin(vector);
        return vector;
    }

    static Field field(final Schema schema, final String name, final String role)
    {
        for (final Field field : schema.getFields())
        {
            if (field.getName().equals(name))
            {
                return field;
            }
        }
        throw new SchemaException("unknown " + role + " column '" + name + "'; the schema has " + names(schema));
    }

    private static List<String> names(final Schema schema)
    {
        final List<String> names = new ArrayList<>();
        for (final Field field : schema.getFields())
        {
            names.add(field.getName());
        }
        return names;
    }
}
