package io.sabot.runtime.operator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.join.HashJoinProbe;
import io.sabot.kernels.join.HashJoinTable;
import io.sabot.kernels.join.JoinType;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Equi hash join of two inputs: input {@value #BUILD} is the build side (hashed into a {@link HashJoinTable}), input
 * {@value #PROBE} the probe side (streamed through a {@link HashJoinProbe}). The probe side is the SQL "left" side:
 * {@link JoinType#INNER}, {@link JoinType#LEFT_OUTER} (every probe row at least once, build columns null where
 * nothing matched), {@link JoinType#SEMI} and {@link JoinType#ANTI} (probe rows with / without a match, once each).
 * Keys are matched by position: probe key {@code i} equals build key {@code i}; names may differ between the sides,
 * types must be equal. Null keys never match (SQL equality): such probe rows are dropped by inner and semi joins,
 * padded by left joins and kept by anti joins.
 *
 * <p><b>Output columns</b>: every probe column, then (inner and left only) every build column. A build column whose
 * name is already taken by a probe column (or an earlier output column) is renamed to {@code name + suffix}
 * ({@value #DEFAULT_SUFFIX} unless given); if that name is taken too, {@link SchemaException}. Output rows come in
 * probe order; for each probe row its matches in build arrival order.
 *
 * <p><b>Non-blocking</b>: build batches are copied into the table and closed. Probe batches that arrive before the
 * build side ended are buffered (owned by the operator) and probed when {@code endOfInput(BUILD)} arrives; later probe
 * batches are probed at once. Works the same for bounded and unbounded probe input; the build side must end (an
 * unbounded build side only ever buffers the probe side). If the build side ends with no batch at all and no build
 * schema was given to the constructor, the build columns are unknown: inner and semi joins emit nothing, anti joins
 * pass the probe rows, and left joins emit the probe columns only.
 *
 * <p><b>Memory and ownership</b>: the table, buffered probe batches and the prober live in the context's allocator
 * and are freed by {@link #close()}, also without end of input. Output batches belong to the output.
 *
 * <p>Thread-safety: one thread at a time (the operator contract).
 */
public final class HashJoinOperator implements Operator
{
    /** The probe input. */
    public static final int PROBE = 0;
    /** The build input. */
    public static final int BUILD = 1;
    /** The default suffix for build columns whose name clashes with a probe column. */
    public static final String DEFAULT_SUFFIX = "_right";

    private final JoinType type;
    private final List<String> probeKeys;
    private final List<String> buildKeys;
    private final Schema declaredBuildSchema;
    private final String suffix;
    private final int maxOutputRows;
    private final ArrayDeque<Batch> pending = new ArrayDeque<>();

    private OperatorContext context;
    private HashJoinTable table;
    private HashJoinProbe prober;
    private boolean buildEnded;
    private boolean noBuildSchema;
    private Schema outputSourceSchema;
    private String[] outputNames;

    /**
     * @param type      the join type.
     * @param probeKeys the probe key columns, in key order.
     * @param buildKeys the build key columns, same number and order.
     */
    public HashJoinOperator(final JoinType type, final List<String> probeKeys, final List<String> buildKeys)
    {
        this(type, probeKeys, buildKeys, null, DEFAULT_SUFFIX, HashJoinProbe.DEFAULT_MAX_OUTPUT_ROWS);
    }

    /**
     * @param type          the join type.
     * @param probeKeys     the probe key columns, in key order.
     * @param buildKeys     the build key columns, same number and order.
     * @param buildSchema   the build side's schema if known (lets a left join over an empty build side emit typed
     *                      null build columns), else {@code null}.
     * @param suffix        appended to build column names that clash with probe columns (non-empty).
     * @param maxOutputRows the most rows per emitted batch, at least 1.
     */
    public HashJoinOperator(final JoinType type, final List<String> probeKeys, final List<String> buildKeys,
        final Schema buildSchema, final String suffix, final int maxOutputRows)
    {
        if (probeKeys.isEmpty() || probeKeys.size() != buildKeys.size())
        {
            throw new SchemaException("a hash join needs the same non-zero number of probe and build keys, got " +
                probeKeys + " and " + buildKeys);
        }
        if (suffix == null || suffix.isEmpty())
        {
            throw new SchemaException("the join's rename suffix must be non-empty");
        }
        if (maxOutputRows < 1)
        {
            throw new SchemaException("maxOutputRows must be >= 1, was " + maxOutputRows);
        }
        this.type = type;
        this.probeKeys = List.copyOf(probeKeys);
        this.buildKeys = List.copyOf(buildKeys);
        this.declaredBuildSchema = buildSchema;
        this.suffix = suffix;
        this.maxOutputRows = maxOutputRows;
    }

    /**
     * @return the join type.
     */
    public JoinType type()
    {
        return type;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        if (declaredBuildSchema != null)
        {
            table = createTable(declaredBuildSchema);
        }
    }

    private HashJoinTable createTable(final Schema schema)
    {
        final boolean payload = type == JoinType.INNER || type == JoinType.LEFT_OUTER;
        return payload ? HashJoinTable.create(context.allocator(), schema, buildKeys)
            : HashJoinTable.create(context.allocator(), schema, buildKeys, List.of());
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        if (input == BUILD)
        {
            try (batch)
            {
                if (buildEnded)
                {
                    throw new IllegalStateException("hash join got a build batch after the build side ended");
                }
                if (table == null)
                {
                    table = createTable(batch.schema());
                }
                table.add(batch);
            }
            return;
        }
        if (input != PROBE)
        {
            batch.close();
            throw new SchemaException("hash join has inputs " + PROBE + " (probe) and " + BUILD + " (build), got " +
                input);
        }
        if (!buildEnded)
        {
            pending.add(batch);
            return;
        }
        try (batch)
        {
            probe(batch, out);
        }
    }

    private void probe(final Batch batch, final Output out)
    {
        if (noBuildSchema)
        {
            probeWithoutBuild(batch, out);
            return;
        }
        prober.start(batch);
        for (Batch joined = prober.nextBatch(); joined != null; joined = prober.nextBatch())
        {
            out.emit(rename(joined));
        }
    }

    /** The build side was empty and its schema unknown: no row can match. */
    private void probeWithoutBuild(final Batch batch, final Output out)
    {
        if (type == JoinType.ANTI || type == JoinType.LEFT_OUTER)
        {
            final List<FieldVector> columns = new ArrayList<>(batch.columnCount());
            try
            {
                for (final FieldVector column : batch.columns())
                {
                    columns.add(Batches.transferred(column));
                }
                out.emit(Batch.of(columns, Batches.copy(batch.selection(), context.allocator())));
            }
            catch (final RuntimeException | Error e)
            {
                Batches.closeAll(columns);
                throw e;
            }
        }
    }

    /** Renames build columns that clash with probe columns; the names are computed once per probe schema. */
    private Batch rename(final Batch joined)
    {
        if (!joined.schema().equals(outputSourceSchema))
        {
            try
            {
                outputNames = outputNames(joined.schema());
                outputSourceSchema = joined.schema();
            }
            catch (final RuntimeException e)
            {
                joined.close();
                throw e;
            }
        }
        boolean same = true;
        for (int c = 0; c < outputNames.length && same; c++)
        {
            same = outputNames[c].equals(joined.column(c).getName());
        }
        if (same)
        {
            return joined;
        }
        final List<FieldVector> columns = new ArrayList<>(joined.columnCount());
        try (joined)
        {
            for (int c = 0; c < outputNames.length; c++)
            {
                columns.add(Batches.renamed(joined.column(c), outputNames[c]));
            }
            return Batch.of(columns);
        }
        catch (final RuntimeException | Error e)
        {
            Batches.closeAll(columns);
            throw e;
        }
    }

    private String[] outputNames(final Schema joined)
    {
        final List<Field> fields = joined.getFields();
        final int buildColumns = type == JoinType.INNER || type == JoinType.LEFT_OUTER ?
            table.buildSchema().getFields().size() : 0;
        final int probeColumns = fields.size() - buildColumns;
        final String[] names = new String[fields.size()];
        final Set<String> taken = new HashSet<>();
        for (int c = 0; c < probeColumns; c++)
        {
            names[c] = fields.get(c).getName();
            if (!taken.add(names[c]))
            {
                throw new SchemaException("hash join probe side has column '" + names[c] + "' twice: " + joined);
            }
        }
        for (int c = probeColumns; c < names.length; c++)
        {
            final String name = fields.get(c).getName();
            names[c] = taken.contains(name) ? name + suffix : name;
            if (!taken.add(names[c]))
            {
                throw new SchemaException("hash join output column '" + names[c] + "' is ambiguous: build column '" +
                    name + "' clashes with a probe column and '" + names[c] + "' is taken too; rename it first " +
                    "(output before renaming: " + Batches.names(joined) + ")");
            }
        }
        return names;
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        if (input != BUILD || buildEnded)
        {
            return;
        }
        buildEnded = true;
        if (table == null)
        {
            noBuildSchema = true;
        }
        else
        {
            table.finish();
            prober = table.probe(type, probeKeys, maxOutputRows);
        }
        while (!pending.isEmpty())
        {
            try (Batch batch = pending.poll())
            {
                probe(batch, out);
            }
        }
    }

    @Override
    public void close()
    {
        final List<AutoCloseable> owned = new ArrayList<>(pending);
        pending.clear();
        owned.add(prober);
        owned.add(table);
        prober = null;
        table = null;
        Batches.closeAll(owned);
    }

    @Override
    public String toString()
    {
        return "HashJoin(" + type + ", probe " + probeKeys + " = build " + buildKeys + ")";
    }
}
