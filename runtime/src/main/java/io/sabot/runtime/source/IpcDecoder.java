package io.sabot.runtime.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.sabot.common.MalformedInputException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes Arrow IPC messages (encapsulated format: optional {@code 0xFFFFFFFF} continuation, int32 metadata length,
 * flatbuffer {@code Message}, body) from a {@link ByteInput}. Record batch bodies are read into one Arrow buffer per
 * message and the vectors are loaded as zero-copy slices of it (reference counted), so a polled batch costs one read
 * and no copy.
 *
 * <p>Errors: a message cut short, a bad length or a body that does not match its metadata throw
 * {@link MalformedInputException} naming the input and the byte offset of the message. Not thread-safe. Owns a small
 * metadata scratch buffer and the input.
 */
final class IpcDecoder implements AutoCloseable
{
    private static final int CONTINUATION = 0xFFFFFFFF;
    /** Flatbuffer metadata larger than this is taken as corruption (real schemas and batches need kilobytes). */
    private static final int MAX_METADATA = 1 << 26;

    private final ByteInput input;
    private final BufferAllocator allocator;
    private ArrowBuf scratch;
    private long messageStart;
    private boolean endOfStream;

    IpcDecoder(final ByteInput input, final BufferAllocator allocator)
    {
        this.input = input;
        this.allocator = allocator;
        this.scratch = allocator.buffer(256);
    }

    ByteInput input()
    {
        return input;
    }

    /**
     * @return the offset where the last message read by {@link #next()} started.
     */
    long messageStart()
    {
        return messageStart;
    }

    /**
     * @return whether the last {@link #next()} returned {@code null} because of an end-of-stream marker (rather than
     * the end of the input).
     */
    boolean endOfStream()
    {
        return endOfStream;
    }

    /**
     * Reads the next message's metadata.
     *
     * @return the message, or {@code null} at an end-of-stream marker or when the input ends exactly at a message
     * boundary. The message is valid until the next call.
     */
    Message next()
    {
        messageStart = input.position();
        endOfStream = false;
        final long got = input.read(scratch, 0, 4);
        if (got == 0)
        {
            return null;
        }
        if (got < 4)
        {
            throw malformed("message prefix cut short (" + got + " of 4 bytes)", messageStart);
        }
        int length = scratch.getInt(0);
        if (length == CONTINUATION)
        {
            if (input.read(scratch, 0, 4) < 4)
            {
                throw malformed("message length cut short", messageStart);
            }
            length = scratch.getInt(0);
        }
        if (length == 0)
        {
            endOfStream = true;
            return null;
        }
        if (length < 0 || length > MAX_METADATA || length > input.remaining())
        {
            // Checked before allocating, so a corrupt length cannot ask for gigabytes.
            throw malformed("bad message metadata length " + length + " (" + input.remaining() + " bytes left)",
                messageStart);
        }
        ensureScratch(length);
        final long read = input.read(scratch, 0, length);
        if (read < length)
        {
            throw malformed("message metadata cut short (" + read + " of " + length + " bytes)", messageStart);
        }
        try
        {
            final ByteBuffer meta = scratch.nioBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
            final Message message = Message.getRootAsMessage(meta);
            if (message.bodyLength() < 0)
            {
                throw malformed("negative body length " + message.bodyLength(), messageStart);
            }
            message.headerType();
            return message;
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException e)
        {
            throw malformed("undecodable message metadata: " + e, messageStart);
        }
    }

    /**
     * @param message a schema message from {@link #next()}.
     * @return its schema.
     */
    Schema schema(final Message message)
    {
        if (message.headerType() != MessageHeader.Schema)
        {
            throw malformed("expected a schema message, found header type " +
                MessageHeader.name(message.headerType()), messageStart);
        }
        try
        {
            final Schema schema = MessageSerializer.deserializeSchema(message);
            skipBody(message);
            for (final Field f : schema.getFields())
            {
                if (f.getDictionary() != null)
                {
                    throw new SchemaException("column '" + f.getName() + "' of " + input.name() +
                        " is dictionary-encoded, which is not supported");
                }
            }
            return schema;
        }
        catch (final RuntimeException e)
        {
            if (e instanceof SchemaException || e instanceof MalformedInputException)
            {
                throw e;
            }
            throw malformed("undecodable schema: " + e, messageStart);
        }
    }

    private void skipBody(final Message message)
    {
        long left = message.bodyLength();
        if (left > 0 && input instanceof ByteInput.FileInput)
        {
            input.seek(input.position() + left);
            return;
        }
        while (left > 0)
        {
            final long n = input.read(scratch, 0, Math.min(left, scratch.capacity()));
            if (n == 0)
            {
                throw malformed("schema message body cut short", messageStart);
            }
            left -= n;
        }
    }

    /**
     * Reads the body of a record batch message (into one buffer) and loads it.
     *
     * @param message    a record batch message from {@link #next()}.
     * @param schema     the stream's schema.
     * @param projection indices of the columns to keep (in output order), or {@code null} for all.
     * @return the batch, owned by the caller.
     */
    Batch batch(final Message message, final Schema schema, final int[] projection)
    {
        final byte type = message.headerType();
        if (type == MessageHeader.DictionaryBatch)
        {
            throw malformed("dictionary batches are not supported", messageStart);
        }
        if (type != MessageHeader.RecordBatch)
        {
            throw malformed("expected a record batch, found header type " + MessageHeader.name(type),
                messageStart);
        }
        final long bodyLength = message.bodyLength();
        final long start = messageStart;
        if (bodyLength > input.remaining())
        {
            throw malformed("record batch body cut short (" + input.remaining() + " of " + bodyLength + " bytes)",
                start);
        }
        final ArrowBuf body = allocator.buffer(bodyLength);
        boolean handedOver = false;
        try
        {
            final long read = bodyLength == 0 ? 0 : input.read(body, 0, bodyLength);
            if (read < bodyLength)
            {
                throw malformed("record batch body cut short (" + read + " of " + bodyLength + " bytes)", start);
            }
            final RecordBatch header = (RecordBatch) message.header(new RecordBatch());
            if (header == null)
            {
                throw malformed("record batch without header", start);
            }
            if (header.compression() != null)
            {
                throw malformed("compressed record batches are not supported", start);
            }
            handedOver = true;
            return load(header, body, schema, projection, start);
        }
        finally
        {
            if (!handedOver)
            {
                body.close();
            }
        }
    }

    private Batch load(final RecordBatch header, final ArrowBuf body, final Schema schema, final int[] projection,
        final long start)
    {
        final VectorSchemaRoot root;
        try
        {
            root = VectorSchemaRoot.create(schema, allocator);
        }
        catch (final RuntimeException e)
        {
            body.close();
            throw e;
        }
        final List<FieldVector> all = root.getFieldVectors();
        try
        {
            // deserializeRecordBatch takes over the body: its slices are retained by the record batch and the body's
            // own reference is released, so closing the record batch after loading leaves the vectors as owners.
            try (ArrowRecordBatch arb = MessageSerializer.deserializeRecordBatch(header, body))
            {
                new VectorLoader(root, NoCompressionCodec.Factory.INSTANCE).load(arb);
            }
            if (projection == null)
            {
                return Batch.of(all);
            }
            final List<FieldVector> kept = new ArrayList<>(projection.length);
            final boolean[] keep = new boolean[all.size()];
            for (final int p : projection)
            {
                kept.add(all.get(p));
                keep[p] = true;
            }
            for (int i = 0; i < all.size(); i++)
            {
                if (!keep[i])
                {
                    all.get(i).close();
                }
            }
            return Batch.of(kept);
        }
        catch (final IOException | RuntimeException e)
        {
            root.close();
            if (e instanceof MalformedInputException m)
            {
                throw m;
            }
            throw malformed("record batch does not match its metadata: " + e, start);
        }
    }

    MalformedInputException malformed(final String what, final long offset)
    {
        return new MalformedInputException(what, input.name(), offset, null);
    }

    private void ensureScratch(final long length)
    {
        if (scratch.capacity() < length)
        {
            scratch.close();
            scratch = allocator.buffer(Math.max(length, scratch.capacity() * 2));
        }
    }

    @Override
    public void close()
    {
        try
        {
            scratch.close();
        }
        finally
        {
            input.close();
        }
    }
}
