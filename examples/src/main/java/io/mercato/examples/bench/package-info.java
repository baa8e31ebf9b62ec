/**
 * Benchmark programs (main classes, not tests): {@link io.mercato.examples.bench.TextBenchmark} and
 * {@link io.mercato.examples.bench.RecsysBenchmark} measure Mercato on the prepared peer splits of
 * {@code ../shared/peers} under the peers' protocol and print Markdown tables with the peer figures side by
 * side. (The implicit-ALS scale benchmark lives with the recsys tests: {@code ImplicitAlsScaleBenchmark}.)
 * Results are recorded in {@code docs/benchmarks.md}.
 */
package io.mercato.examples.bench;
