package io.sabot.runtime.source;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.sabot.common.MalformedInputException;
import io.sabot.common.SabotIoException;
import io.sabot.common.SchemaException;
import io.sabot.ffi.uring.ReadConfig;
import io.sabot.kernels.Batch;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A bounded source over one Arrow IPC stream (the streaming format: schema message, record batches, optional
 * end-of-stream marker), read from a file (through a {@link io.sabot.ffi.uring.FileBlockReader}, see
 * {@link IoBackend}) or from channels supplied on demand. Always one split.
 *
 * <p>A stream cut inside a message throws {@link MalformedInputException} naming the stream and the byte offset,
 * after every complete batch before it was delivered; a stream ending at a message boundary without end-of-stream
 * marker is accepted. A stream whose schema lacks an expected column or has another type throws
 * {@link SchemaException}.
 *
 * <p>Thread-safety: immutable and thread-safe. Ownership: polled batches are owned by the caller; each reader opens
 * (and closes) its own file handle or channel.
 */
public final class ArrowStreamSource implements Source
{
    private final Path file;
    private final Supplier<? extends ReadableByteChannel> channels;
    private final String name;
    private final Schema schema;
    private final Schema streamSchema;
    private final IoBackend backend;

    private ArrowStreamSource(final Path file, final Supplier<? extends ReadableByteChannel> channels,
        final String name, final Schema expected, final IoBackend backend)
    {
        this.file = file;
        this.channels = channels;
        this.name = name;
        this.backend = backend;
        if (file != null)
        {
            try (BufferAllocator scratch = new RootAllocator(); IpcDecoder decoder = new IpcDecoder(input(), scratch))
            {
                final Message m = decoder.next();
                if (m == null)
                {
                    throw new MalformedInputException("empty Arrow IPC stream: no schema", name, 0, null);
                }
                streamSchema = decoder.schema(m);
            }
            if (expected != null)
            {
                ArrowFileSource.check(expected, streamSchema, file);
            }
            this.schema = expected == null ? streamSchema : project(streamSchema, expected);
        }
        else
        {
            this.streamSchema = null;
            this.schema = Objects.requireNonNull(expected, "a channel stream needs its expected schema");
        }
    }

    /**
     * @param file     a file in the Arrow IPC stream format (its schema is read now).
     * @param expected the columns to read and their types, or {@code null} for all.
     * @param backend  how the file is read.
     * @return the source.
     */
    public static ArrowStreamSource of(final Path file, final Schema expected, final IoBackend backend)
    {
        return new ArrowStreamSource(Objects.requireNonNull(file, "file"), null, file.toString(), expected,
            Objects.requireNonNull(backend, "backend"));
    }

    /**
     * @param channels opens the stream, once per reader (a single-use stream supports a single run).
     * @param name     the stream's name for errors.
     * @param expected the columns to read and their types (required: the schema must be known before reading).
     * @return the source.
     */
    public static ArrowStreamSource of(final Supplier<? extends ReadableByteChannel> channels, final String name,
        final Schema expected)
    {
        return new ArrowStreamSource(null, Objects.requireNonNull(channels, "channels"), name, expected, null);
    }

    private static Schema project(final Schema actual, final Schema expected)
    {
        return new Schema(expected.getFields().stream().map(e -> actual.findField(e.getName())).toList());
    }

    private static int[] projection(final Schema actual, final Schema wanted)
    {
        final int[] p = new int[wanted.getFields().size()];
        for (int i = 0; i < p.length; i++)
        {
            p[i] = -1;
            final String n = wanted.getFields().get(i).getName();
            for (int j = 0; j < actual.getFields().size(); j++)
            {
                if (actual.getFields().get(j).getName().equals(n))
                {
                    p[i] = j;
                    break;
                }
            }
        }
        return p;
    }

    private ByteInput input()
    {
        if (file != null)
        {
            final long size;
            try
            {
                size = Files.size(file);
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot stat: " + e, name, e);
            }
            return new ByteInput.FileInput(backend.open(ReadConfig.DEFAULT), file, size);
        }
        return new ByteInput.ChannelInput(channels.get(), name);
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public boolean bounded()
    {
        return true;
    }

    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        return List.of(new RangeSplit(name, 0, 1));
    }

    @Override
    public SourceReader open(final SourceSplit split, final BufferAllocator allocator)
    {
        final ByteInput in = input();
        try
        {
            return new Reader(new IpcDecoder(in, allocator));
        }
        catch (final RuntimeException e)
        {
            in.close();
            throw e;
        }
    }

    @Override
    public String describe()
    {
        return "ArrowStream[" + name + ", " + schema.getFields().stream().map(Field::getName).toList() + "]";
    }

    private final class Reader implements SourceReader
    {
        private final IpcDecoder decoder;
        private Schema actual;
        private int[] projection;
        private boolean done;

        Reader(final IpcDecoder decoder)
        {
            this.decoder = decoder;
        }

        @Override
        public Batch poll()
        {
            if (done)
            {
                return null;
            }
            try
            {
                if (actual == null)
                {
                    final Message m = decoder.next();
                    if (m == null)
                    {
                        throw decoder.malformed("empty Arrow IPC stream: no schema", 0);
                    }
                    actual = decoder.schema(m);
                    ArrowFileSource.check(schema, actual, name);
                    projection = projection(actual, schema);
                }
                final Message m = decoder.next();
                if (m == null)
                {
                    done = true;
                    return null;
                }
                return decoder.batch(m, actual, projection);
            }
            catch (final RuntimeException e)
            {
                done = true;
                throw e;
            }
        }

        @Override
        public boolean finished()
        {
            return done;
        }

        @Override
        public void close()
        {
            done = true;
            decoder.close();
        }
    }
}
