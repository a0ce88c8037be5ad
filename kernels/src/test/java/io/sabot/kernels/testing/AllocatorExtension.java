package io.sabot.kernels.testing;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a fresh {@link RootAllocator} and fails the test if any byte is still allocated when it ends.
 * Use it as {@code @RegisterExtension final AllocatorExtension memory = new AllocatorExtension();} and
 * {@code memory.allocator()}.
 */
public final class AllocatorExtension implements BeforeEachCallback, AfterEachCallback
{
    private RootAllocator allocator;

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        final long outstanding = allocator.getAllocatedMemory();
        final String leaks = outstanding == 0 ? "" : allocator.toVerboseString();
        allocator.close();
        if (outstanding != 0)
        {
            throw new AssertionError("allocator leaked " + outstanding + " bytes in " +
                context.getDisplayName() + ":\n" + leaks);
        }
    }

    /** @return this test's allocator. */
    public BufferAllocator allocator()
    {
        return allocator;
    }
}
