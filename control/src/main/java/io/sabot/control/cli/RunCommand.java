package io.sabot.control.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.sabot.common.SabotException;
import io.sabot.runtime.api.Job;
import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;

/**
 * {@code sabot run <job class | job jar> [options] [-- job args]}: loads a {@link Job} and runs it on a fresh
 * environment, printing progress (rows, rows/s) while it runs.
 */
final class RunCommand implements SabotCli.Command
{
    @Override
    public String name()
    {
        return "run";
    }

    @Override
    public String summary()
    {
        return "run a user's job: a class implementing io.sabot.runtime.api.Job, or a jar containing one";
    }

    @Override
    public String usage()
    {
        return """
            usage: sabot run <job class | job.jar | built-in> [--parallelism N] [--morsel-rows N] [--quiet]
                             [-- job args]
              built-in           fraud: the fraud-detection job on generated transactions
                                 (job args: --transactions N, --accounts N, --rate R, --out FILE.csv)
              <job class>        fully qualified name of a class implementing io.sabot.runtime.api.Job
                                 (public, no-argument constructor) on the class path
              <job.jar>          a jar: the class named by its manifest's 'Sabot-Job' (or 'Main-Class')
                                 attribute, else the only Job implementation inside it
              --parallelism N    workers (default: available processors)
              --morsel-rows N    largest morsel in rows (default 65536)
              --quiet            no progress lines
              -- job args        passed to Job.run unchanged
            """;
    }

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        final CommandLine line = CommandLine.parse(args, Set.of("parallelism", "morsel-rows"),
            Set.of("help", "quiet"), false);
        if (line.flag("help"))
        {
            out.print(usage());
            return 0;
        }
        if (line.positionals().size() != 1)
        {
            throw new UsageException("expected one job class or jar, got " + line.positionals());
        }
        final Job job = load(line.positionals().get(0));
        final String[] jobArgs = line.passThrough().toArray(String[]::new);
        final long start = System.nanoTime();
        try (StreamEnvironment env = StreamEnvironment.builder()
            .parallelism(line.intOption("parallelism", Runtime.getRuntime().availableProcessors()))
            .morselRows(line.intOption("morsel-rows", StreamEnvironment.DEFAULT_MORSEL_ROWS)).build();
             Progress progress = line.flag("quiet") ? null : new Progress("job", () -> rowsRead(env), err))
        {
            job.run(env, jobArgs);
        }
        err.printf("job %s finished in %.2f s%n", job.getClass().getName(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static long rowsRead(final StreamEnvironment env)
    {
        long rows = 0;
        for (final RunningJob running : env.runningJobs())
        {
            rows += running.rowsRead();
        }
        return rows;
    }

    /** Built-in jobs by name. */
    private static final java.util.Map<String, String> BUILT_IN = java.util.Map.of(
        "fraud", "io.sabot.runtime.fraud.FraudJob");

    static Job load(final String name) throws IOException, ReflectiveOperationException
    {
        final String target = BUILT_IN.getOrDefault(name, name);
        final Path path = Path.of(target);
        if (target.endsWith(".jar"))
        {
            if (!Files.isRegularFile(path))
            {
                throw new UsageException("no such jar: " + path.toAbsolutePath());
            }
            final URLClassLoader loader = new URLClassLoader(new URL[] {path.toUri().toURL()},
                RunCommand.class.getClassLoader());
            return instantiate(loader.loadClass(jobClassIn(path, loader)), target);
        }
        final Class<?> type;
        try
        {
            type = Class.forName(target);
        }
        catch (final ClassNotFoundException e)
        {
            throw new UsageException("no class '" + target + "' on the class path (give a fully qualified " +
                "class name or a path ending in .jar)");
        }
        return instantiate(type, target);
    }

    private static String jobClassIn(final Path jar, final ClassLoader loader) throws IOException
    {
        try (JarFile file = new JarFile(jar.toFile()))
        {
            final Manifest manifest = file.getManifest();
            if (manifest != null)
            {
                for (final String attribute : new String[] {"Sabot-Job", "Main-Class"})
                {
                    final String value = manifest.getMainAttributes().getValue(attribute);
                    if (value != null)
                    {
                        return value.trim();
                    }
                }
            }
            String found = null;
            final Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements())
            {
                final String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.contains("$"))
                {
                    continue;
                }
                final String className = name.substring(0, name.length() - 6).replace('/', '.');
                try
                {
                    final Class<?> type = Class.forName(className, false, loader);
                    if (Job.class.isAssignableFrom(type) && !type.isInterface() &&
                        !Modifier.isAbstract(type.getModifiers()))
                    {
                        if (found != null)
                        {
                            throw new UsageException(jar + " holds several jobs (" + found + ", " + className +
                                "); name one with the manifest attribute 'Sabot-Job' or run the class by name");
                        }
                        found = className;
                    }
                }
                catch (final ClassNotFoundException | LinkageError e)
                {
                    // not loadable on its own (missing optional dependency): not a candidate
                }
            }
            if (found == null)
            {
                throw new UsageException(jar + " contains no class implementing " + Job.class.getName());
            }
            return found;
        }
    }

    private static Job instantiate(final Class<?> type, final String target) throws ReflectiveOperationException
    {
        if (!Job.class.isAssignableFrom(type))
        {
            throw new UsageException(target + " does not implement " + Job.class.getName());
        }
        try
        {
            return (Job)type.getConstructor().newInstance();
        }
        catch (final NoSuchMethodException e)
        {
            throw new SabotException(type.getName() + " needs a public no-argument constructor", e);
        }
    }
}
