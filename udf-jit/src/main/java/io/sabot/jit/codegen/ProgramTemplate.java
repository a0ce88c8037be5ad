package io.sabot.jit.codegen;

import io.sabot.jit.exec.Program;

import java.lang.invoke.MethodHandle;

/**
 * One generated hidden class: the compiled template of a shape. {@link #instantiate} makes a program for one set of
 * literal (and UDF hosted) values by calling the class's {@code (Object[])} constructor through an exact method
 * handle: no class is defined, no reflection runs.
 *
 * <p>Thread-safety: immutable; the programs it makes are immutable too.
 */
public final class ProgramTemplate
{
    private final Class<?> programClass;
    private final MethodHandle factory;
    private final String shapeKey;
    private final int largestMethod;
    private final int splits;

    ProgramTemplate(final Class<?> programClass, final MethodHandle factory, final String shapeKey,
        final int largestMethod, final int splits)
    {
        this.programClass = programClass;
        this.factory = factory;
        this.shapeKey = shapeKey;
        this.largestMethod = largestMethod;
        this.splits = splits;
    }

    /**
     * @param values literal values then hosted values, as {@link LiteralSlots#values()} and
     *               {@link UdfSlots#values()}.
     * @return a program over those values.
     */
    public Program instantiate(final Object[] values)
    {
        try
        {
            return (Program)factory.invokeExact(values);
        }
        catch (final RuntimeException | Error e)
        {
            throw e;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("constructor of " + programClass.getName() + " failed", t);
        }
    }

    /** @return the hidden class. */
    public Class<?> programClass()
    {
        return programClass;
    }

    /** @return the shape key it was compiled for. */
    public String shapeKey()
    {
        return shapeKey;
    }

    /** @return the code length in bytes of its largest method. */
    public int largestMethod()
    {
        return largestMethod;
    }

    /** @return how many subtrees were split into their own methods. */
    public int splits()
    {
        return splits;
    }
}
