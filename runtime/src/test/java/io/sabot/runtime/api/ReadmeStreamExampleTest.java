package io.sabot.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sabot.kernels.sort.SortKey;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Stream API example of README.md and checks that the README shows exactly this code.
 */
final class ReadmeStreamExampleTest
{
    // README-EXAMPLE-BEGIN
    static List<List<Object>> bigSpenders(final Path ordersCsv)
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).build())
        {
            final CollectSink result = Sinks.collect();
            env.from(Sources.csv(ordersCsv))            // schema inferred from the header and first rows
                .filter("amount > 100.0")                 // compiled into a fused, vectorized loop
                .keyBy("customer")                        // hash-partitioned across the 2 workers
                .aggregate(Agg.sum("amount").as("total"), Agg.count().as("orders"))
                .sort(SortKey.descending("total"))
                .writeTo(result);
            env.execute("big-spenders");                  // plans, runs on the morsel scheduler, waits
            return result.rows();                         // [[customer, total, orders], ...]
        }
    }
    // README-EXAMPLE-END

    @Test
    void shouldComputeTheReadmeExample(@TempDir final Path dir) throws IOException
    {
        final Path csv = dir.resolve("orders.csv");
        Files.writeString(csv, "customer,amount\nann,120.0\nbob,99.5\nann,300.5\ncid,101.0\nbob,150.0\n");
        assertEquals(List.of(List.of("ann", 420.5, 2L), List.of("bob", 150.0, 1L), List.of("cid", 101.0, 1L)),
            bigSpenders(csv));
    }

    @Test
    void shouldShowTheSameCodeInTheReadme() throws IOException
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final String readme = Files.readString(root.resolve("README.md"));
        final String test = Files.readString(
            root.resolve("runtime/src/test/java/io/sabot/runtime/api/ReadmeStreamExampleTest.java"));
        final String begin = "// README-EXAMPLE-BEGIN\n";
        final String code = test.substring(test.indexOf(begin) + begin.length(), test.indexOf("    // README-EXAMPLE-END"))
            .stripTrailing().stripIndent().strip();
        assertTrue(readme.contains("```java\n" + code + "\n```"),
            "README.md must show the example exactly as ReadmeStreamExampleTest runs it:\n" + code);
    }
}
