package io.mercato.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

  @Test
  void nearestRankPercentiles() {
    // 1..10 sorted; nearest rank: p50 -> ceil(0.5*10)=5th value = 5, p90 -> 9th = 9, p99 -> ceil(9.9)=10th = 10
    long[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(RequestMetrics.percentile(values, 50)).isEqualTo(5);
    assertThat(RequestMetrics.percentile(values, 90)).isEqualTo(9);
    assertThat(RequestMetrics.percentile(values, 99)).isEqualTo(10);
    assertThat(RequestMetrics.percentile(new long[] {7}, 50)).isEqualTo(7);
    assertThat(RequestMetrics.percentile(new long[0], 50)).isNaN();
  }

  @Test
  @SuppressWarnings("unchecked")
  void countsByRouteAndStatusClass() {
    RequestMetrics m = new RequestMetrics();
    m.record("POST /v1/classify", 200, 1_000_000); // 1 ms
    m.record("POST /v1/classify", 200, 3_000_000); // 3 ms
    m.record("POST /v1/classify", 400, 2_000_000); // 2 ms
    m.record("GET /health", 200, 500_000);
    Map<String, Object> classify = (Map<String, Object>) m.snapshot().get("POST /v1/classify");
    assertThat(classify.get("count")).isEqualTo(3L);
    assertThat((Map<String, Object>) classify.get("status")).containsEntry("2xx", 2L).containsEntry("4xx", 1L);
    Map<String, Object> latency = (Map<String, Object>) classify.get("latency_ms");
    // sorted 1,2,3 ms: p50 = 2nd value (ceil 1.5 = 2) = 2 ms; p99 = 3rd = 3 ms
    assertThat(latency).containsEntry("p50", 2.0).containsEntry("p99", 3.0).containsEntry("max", 3.0);
    assertThat(m.snapshot()).containsOnlyKeys("GET /health", "POST /v1/classify");
  }

  @Test
  @SuppressWarnings("unchecked")
  void windowKeepsOnlyTheMostRecentLatencies() {
    RequestMetrics m = new RequestMetrics();
    for (int i = 0; i < RequestMetrics.WINDOW; i++) {
      m.record("r", 200, 100_000_000); // 100 ms, then pushed out
    }
    for (int i = 0; i < RequestMetrics.WINDOW; i++) {
      m.record("r", 200, 1_000_000); // 1 ms
    }
    Map<String, Object> r = (Map<String, Object>) m.snapshot().get("r");
    assertThat(r.get("count")).isEqualTo(2L * RequestMetrics.WINDOW);
    assertThat((Map<String, Object>) r.get("latency_ms")).containsEntry("max", 1.0);
  }
}
