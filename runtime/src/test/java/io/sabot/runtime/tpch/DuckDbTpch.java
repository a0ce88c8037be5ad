package io.sabot.runtime.tpch;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB 2.0 in-process (JDBC, {@code jdbc:duckdb:} in memory) loaded with the same generated TPC-H rows Sabot
 * reads. Tables get the exact types ({@code BIGINT} keys, {@code INTEGER}, {@code DECIMAL(15,2)}, {@code DATE},
 * {@code VARCHAR}, all {@code NOT NULL}) and are filled through DuckDB's appender, decimals as unscaled longs and
 * dates as epoch days, so no value goes through text. (DuckDB's Arrow-stream scan needs Arrow's C data interface,
 * which this build does not ship.) Results come back in {@link io.sabot.runtime.tpch.TpchReference}'s row form:
 * {@code BigDecimal} with the SQL scale, {@code Double}, {@code Long}, {@code Integer}, {@code LocalDate},
 * {@code String}.
 *
 * <p>Lives in the runtime's test-jar so that the reference tests and the JMH suite use the one loader. Not
 * thread-safe: one test or benchmark state owns one instance and closes it. Batches handed to
 * {@link #load(TpchTable, List)} are read, not closed.
 */
public final class DuckDbTpch implements AutoCloseable
{
    private final DuckDBConnection connection;

    /**
     * Opens an in-memory database.
     *
     * @param threads DuckDB's worker threads ({@code SET threads = N}).
     */
    public DuckDbTpch(final int threads)
    {
        try
        {
            connection = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class);
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
        threads(threads);
    }

    /**
     * @param threads DuckDB's worker threads from now on.
     */
    public void threads(final int threads)
    {
        execute("SET threads = " + threads);
    }

    /**
     * Creates (or replaces) {@code table} and appends every row of {@code batches}.
     *
     * @param table   the TPC-H table (name and schema).
     * @param batches its rows, in order; read, not closed.
     */
    public void load(final TpchTable table, final List<Batch> batches)
    {
        final StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE ").append(table.tableName()).append(" (");
        final List<Field> fields = table.schema().getFields();
        for (int c = 0; c < fields.size(); c++)
        {
            ddl.append(c == 0 ? "" : ", ").append(fields.get(c).getName()).append(' ')
                .append(sqlType(fields.get(c).getType())).append(" NOT NULL");
        }
        execute(ddl.append(')').toString());
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.tableName()))
        {
            for (final Batch batch : batches)
            {
                append(appender, batch);
            }
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("cannot load " + table.tableName() + ": " + e.getMessage(), e);
        }
    }

    private static void append(final DuckDBAppender appender, final Batch batch) throws SQLException
    {
        final int columns = batch.columnCount();
        for (int r = 0; r < batch.rowCount(); r++)
        {
            appender.beginRow();
            for (int c = 0; c < columns; c++)
            {
                final FieldVector v = batch.column(c);
                switch (v)
                {
                    case BigIntVector b -> appender.append(b.get(r));
                    case IntVector i -> appender.append(i.get(r));
                    // DECIMAL(15,2) is an int64 inside DuckDB: the low word of Arrow's 128-bit value.
                    case DecimalVector d -> appender.appendDecimal(d.getDataBuffer().getLong(16L * r));
                    case DateDayVector d -> appender.appendEpochDays(d.get(r));
                    case VarCharVector s -> appender.append(new String(s.get(r), StandardCharsets.UTF_8));
                    default -> throw new IllegalArgumentException("unsupported column " + v.getField());
                }
            }
            appender.endRow();
        }
    }

    /**
     * @param type a TPC-H column's Arrow type.
     * @return its DuckDB type.
     */
    public static String sqlType(final ArrowType type)
    {
        return switch (type)
        {
            case ArrowType.Int i -> i.getBitWidth() == 64 ? "BIGINT" : "INTEGER";
            case ArrowType.Decimal d -> "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
            case ArrowType.Date d -> "DATE";
            case ArrowType.Utf8 u -> "VARCHAR";
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }

    /**
     * @param query a TPC-H query.
     * @return its rows.
     */
    public List<List<Object>> run(final TpchQuery query)
    {
        return query(query.sql());
    }

    /**
     * @param sql a query.
     * @return its rows in the reference row form.
     */
    public List<List<Object>> query(final String sql)
    {
        final List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            final ResultSetMetaData meta = rs.getMetaData();
            final int columns = meta.getColumnCount();
            while (rs.next())
            {
                final List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++)
                {
                    final Object value = switch (meta.getColumnType(c))
                    {
                        case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(c);
                        case Types.DATE -> rs.getObject(c, LocalDate.class);
                        case Types.BIGINT -> rs.getLong(c);
                        case Types.INTEGER -> rs.getInt(c);
                        case Types.DOUBLE -> rs.getDouble(c);
                        case Types.VARCHAR -> rs.getString(c);
                        default -> throw new IllegalStateException("unexpected result type " +
                            meta.getColumnTypeName(c) + " of " + meta.getColumnName(c));
                    };
                    row.add(rs.wasNull() ? null : value);
                }
                rows.add(row);
            }
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("DuckDB failed on: " + sql + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * @param sql a query.
     * @return DuckDB's type name of each result column (e.g. {@code DECIMAL(38,2)}).
     */
    public List<String> columnTypes(final String sql)
    {
        final List<String> types = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            final ResultSetMetaData meta = rs.getMetaData();
            for (int c = 1; c <= meta.getColumnCount(); c++)
            {
                types.add(meta.getColumnTypeName(c));
            }
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("DuckDB failed on: " + sql + ": " + e.getMessage(), e);
        }
        return types;
    }

    /**
     * @param sql a statement with no result.
     */
    public void execute(final String sql)
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("DuckDB failed on: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close()
    {
        try
        {
            connection.close();
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
