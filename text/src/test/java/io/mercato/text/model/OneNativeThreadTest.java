package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

class OneNativeThreadTest {

  private static final NativeOps NATIVE = loaded();
  private int threads;
  private int blasThreads;

  private static NativeOps loaded() {
    Nd4j.getEnvironment();
    return NativeOpsHolder.getInstance().getDeviceNativeOps();
  }

  @BeforeEach
  void useThreeThreads() {
    threads = NATIVE.ompGetMaxThreads();
    blasThreads = Nd4j.factory().blas().getMaxThreads();
    NATIVE.setOmpNumThreads(3);
    Nd4j.factory().blas().setMaxThreads(3);
  }

  @AfterEach
  void restore() {
    NATIVE.setOmpNumThreads(threads);
    Nd4j.factory().blas().setMaxThreads(blasThreads);
  }

  @Test
  void runsOnOneThreadAndRestoresOnlyWhenTheOutermostCallLeaves() {
    int inner = OneNativeThread.run(() -> {
      assertThat(NATIVE.ompGetMaxThreads()).isEqualTo(1);
      int nested = OneNativeThread.run(() -> Nd4j.factory().blas().getMaxThreads());
      assertThat(NATIVE.ompGetMaxThreads()).as("after the nested call left").isEqualTo(1);
      return nested;
    });
    assertThat(inner).isEqualTo(1);
    assertThat(NATIVE.ompGetMaxThreads()).isEqualTo(3);
    assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(3);
  }

  @Test
  void restoresWhenTheWorkFails() {
    assertThatThrownBy(() -> OneNativeThread.run(() -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(NATIVE.ompGetMaxThreads()).isEqualTo(3);
  }
}
