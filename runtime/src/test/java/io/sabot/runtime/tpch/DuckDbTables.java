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
 * Test-side DuckDB peer (a twin of {@code io.sabot.bench.tpch.DuckDbTpch} in jmh, which this module cannot see):
 * an in-memory database loaded with generated TPC-H batches through the appender, answering SQL in the
 * {@link TpchReference} row form. Not thread-safe.
 */
final class DuckDbTables implements AutoCloseable
{
    private final DuckDBConnection connection;

    DuckDbTables(final int threads) throws SQLException
    {
        connection = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class);
        execute("SET threads = " + threads);
    }

    void load(final TpchTable table, final List<Batch> batches) throws SQLException
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
                            case DecimalVector d -> appender.appendDecimal(d.getDataBuffer().getLong(16L * r));
                            case DateDayVector d -> appender.appendEpochDays(d.get(r));
                            case VarCharVector s -> appender.append(new String(s.get(r), StandardCharsets.UTF_8));
                            default -> throw new IllegalArgumentException("unsupported column " + v.getField());
                        }
                    }
                    appender.endRow();
                }
            }
        }
    }

    static String sqlType(final ArrowType type)
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

    void execute(final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
    }

    List<List<Object>> query(final String sql) throws SQLException
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
        return rows;
    }

    List<String> columnTypes(final String sql) throws SQLException
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
        return types;
    }


    @Override
    public void close() throws SQLException
    {
        connection.close();
    }
}
