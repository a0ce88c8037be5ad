/**
 * The {@code sabot} command line: {@code run} (a user's job), {@code tpch gen} / {@code tpch run}, {@code bench}
 * (the JMH suite) and {@code demo}. Every command has {@code --help}; long work prints progress (rows, rows/s).
 */
package io.sabot.control.cli;
