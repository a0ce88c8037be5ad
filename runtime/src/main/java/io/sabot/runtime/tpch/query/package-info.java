/**
 * The TPC-H queries 1, 3, 5, 6 and 10 written with the Stream API.
 */
package io.sabot.runtime.tpch.query;
