package io.sabot.bench.peer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB 2.0, in-process through its JDBC driver, as the peer a Java user would otherwise pick. It runs with
 * {@code threads=1} so that single-thread figures compare like with like. Tables are filled with the same values as
 * the Sabot and C contenders through DuckDB's appender.
 *
 * <p>Not thread-safe: one benchmark state owns one peer and closes it.
 */
public final class DuckDbPeer implements AutoCloseable
{
    private final DuckDBConnection connection;

    /**
     * Opens an in-memory database limited to one thread.
     */
    public DuckDbPeer()
    {
        try
        {
            final Connection c = DriverManager.getConnection("jdbc:duckdb:");
            this.connection = c.unwrap(DuckDBConnection.class);
            execute("SET threads = 1");
            execute("SET preserve_insertion_order = false");
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code table} with BIGINT columns {@code names} and appends the rows of {@code columns}.
     *
     * @param table   table name.
     * @param names   column names.
     * @param columns one array per column, all of equal length.
     */
    public void loadLongs(final String table, final String[] names, final long[]... columns)
    {
        final StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE ").append(table).append(" (");
        for (int c = 0; c < names.length; c++)
        {
            ddl.append(c == 0 ? "" : ", ").append(names[c]).append(" BIGINT");
        }
        execute(ddl.append(')').toString());
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table))
        {
            final int rows = columns[0].length;
            for (int r = 0; r < rows; r++)
            {
                appender.beginRow();
                for (final long[] column : columns)
                {
                    appender.append(column[r]);
                }
                appender.endRow();
            }
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("cannot load DuckDB table " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code table} with DOUBLE columns {@code names} and appends the rows of {@code columns}.
     *
     * @param table   table name.
     * @param names   column names.
     * @param columns one array per column, all of equal length.
     */
    public void loadDoubles(final String table, final String[] names, final double[]... columns)
    {
        final StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE ").append(table).append(" (");
        for (int c = 0; c < names.length; c++)
        {
            ddl.append(c == 0 ? "" : ", ").append(names[c]).append(" DOUBLE");
        }
        execute(ddl.append(')').toString());
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table))
        {
            final int rows = columns[0].length;
            for (int r = 0; r < rows; r++)
            {
                appender.beginRow();
                for (final double[] column : columns)
                {
                    appender.append(column[r]);
                }
                appender.endRow();
            }
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("cannot load DuckDB table " + table + ": " + e.getMessage(), e);
        }
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

    /**
     * @param sql a query returning one row whose first column is numeric.
     * @return that value as a long (doubles are rounded toward zero).
     */
    public long queryLong(final String sql)
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getLong(1);
        }
        catch (final SQLException e)
        {
            throw new IllegalStateException("DuckDB failed on: " + sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param sql a query returning one row whose first column is numeric.
     * @return that value as a double.
     */
    public double queryDouble(final String sql)
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getDouble(1);
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
