package io.mercato.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiSplitTest {

  @Test
  void meanAndSampleSdMatchHandComputedValues() {
    // 0.80, 0.82, 0.84: mean 0.82; squared deviations 0.0004 + 0 + 0.0004 = 0.0008, / (3 - 1) = 0.0004, sd 0.02
    assertThat(MultiSplit.mean(List.of(0.80, 0.82, 0.84))).isCloseTo(0.82, within(1e-12));
    assertThat(MultiSplit.sampleSd(List.of(0.80, 0.82, 0.84))).isCloseTo(0.02, within(1e-12));
    // 1, 2, 3, 4: mean 2.5; squares 2.25 + 0.25 + 0.25 + 2.25 = 5, / 3, sd sqrt(5/3) = 1.2909944
    assertThat(MultiSplit.sampleSd(List.of(1.0, 2.0, 3.0, 4.0))).isCloseTo(1.2909944487, within(1e-9));
    assertThat(MultiSplit.sampleSd(List.of(0.5))).isNaN();
    assertThat(MultiSplit.mean(List.of())).isNaN();
  }

  @Test
  void aToolMissingOnASplitIsAveragedOverItsOwnSplitsAndReportsItsCount() {
    MultiSplit s = new MultiSplit(List.of("accuracy", "macro-F1"), 4, 4);
    double[] full = {0.80, 0.82, 0.84};
    for (int k = 0; k < 3; k++) {
      s.split("seed-" + k);
      s.add("sms", "mercato auto", "accuracy", full[k]);
      s.add("sms", "mercato auto", "macro-F1", full[k] - 0.1);
      if (k != 1) { // the peer fails on the second split
        s.add("sms", "peer: x", "accuracy", k == 0 ? 0.90 : 0.70);
        s.add("sms", "peer: x", "macro-F1", Double.NaN); // a metric the tool does not report
      } else {
        s.add("sms", "peer: x", "accuracy", Double.NaN);
        s.note("sms", "peer: x", "failed");
      }
    }
    assertThat(s.values("sms", "peer: x", "accuracy")).containsExactly(0.90, 0.70);
    String table = s.table().toString();
    // mean over 2 splits (0.80), not over 3 with a 0 (0.5333); sd of {0.9, 0.7} = sqrt(0.02) = 0.1414
    assertThat(table).contains("| sms | peer: x | 2/3 | 0.8000 ± 0.1414 |  | failed ×1 |");
    // macro-F1 0.70, 0.72, 0.74: mean 0.72, sd 0.02
    assertThat(table).contains("| sms | mercato auto | 3/3 | 0.8200 ± 0.0200 | 0.7200 ± 0.0200 |  |");
    assertThat(s.report("T")).startsWith("## T (mean ± sample sd over 3 splits: seed-0, seed-1, seed-2)");
  }

  @Test
  void aCellWithFewerValuesThanItsRowShowsItsOwnCount() {
    assertThat(MultiSplit.cell(List.of(0.80, 0.84), 4, 3)).isEqualTo("0.8200 ± 0.0283 (n=2)");
    assertThat(MultiSplit.cell(List.of(0.80), 4, 1)).isEqualTo("0.8000 (n=1)");
    assertThat(MultiSplit.cell(List.of(), 4, 3)).isEmpty();
  }

  @Test
  void splitFoldersAreTheSubFoldersWithAPreparedFolderInNameOrder(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("seed-2/prepared"));
    Files.createDirectories(root.resolve("seed-1/prepared"));
    Files.createDirectories(root.resolve("logs"));
    List<MultiSplit.Dir> dirs = MultiSplit.under(root);
    assertThat(dirs).extracting(MultiSplit.Dir::name).containsExactly("seed-1", "seed-2");
    assertThat(dirs.get(0).peers()).isEqualTo(root.resolve("seed-1/peers"));
    assertThatThrownBy(() -> MultiSplit.under(root.resolve("logs"))).isInstanceOf(IllegalArgumentException.class);
  }
}
