package io.spillover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TraceTest {
  static Trace parse(String csv) throws IOException {
    return Trace.parse(new StringReader(csv), "t.csv");
  }

  static TraceFormatException malformed(String csv) {
    try {
      parse(csv);
    } catch (TraceFormatException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError("not a TraceFormatException", e);
    }
    throw new AssertionError("parsed without complaint: " + csv);
  }

  @Test
  void statisticsOfTheRate() {
    Trace t = Trace.ofCounts(0, 0, 5, 1, 4);
    assertThat(t.seconds()).isEqualTo(5);
    assertThat(t.duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.total()).isEqualTo(10);
    assertThat(t.peak()).isEqualTo(5);
    assertThat(t.mean()).isEqualTo(2.0);
    // sorted 0 0 1 4 5, nearest rank ceil(p/100 x 5)
    assertThat(t.percentile(0)).isZero();
    assertThat(t.percentile(50)).isEqualTo(1);
    assertThat(t.percentile(60)).isEqualTo(1);
    assertThat(t.percentile(61)).isEqualTo(4);
    assertThat(t.percentile(100)).isEqualTo(5);
    assertThat(t.excessOver(1.5)).isEqualTo(6.0);
    assertThat(t.excessOver(5)).isZero();
    assertThat(t.secondsAbove(1)).isEqualTo(2);
    long[] copy = t.perSecond();
    copy[2] = 99;
    assertThat(t.perSecond()).containsExactly(0, 0, 5, 1, 4);
    assertThat(Trace.ofCounts(new long[100]).percentile(99)).isZero();
  }

  @Test
  void badCountsAndPercentilesAreRefused() {
    assertThatThrownBy(Trace::ofCounts).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Trace.ofCounts(1, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("second 1");
    assertThatThrownBy(() -> Trace.ofCounts(1).percentile(-0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Trace.ofCounts(1).percentile(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void perSecondCountsWithGapsAndCrlf() throws IOException {
    Trace t = parse("second,count\r\n0,1\r\n2,3\r\n\r\n5, 2\r\n");
    assertThat(t.perSecond()).containsExactly(1, 0, 3, 0, 0, 2);
  }

  @Test
  void rawArrivalsAreCountedPerWholeSecondFromTheFirstOnesSecond() throws IOException {
    Trace t = parse("""
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:17:03.9799600,4808,10
        2023-11-16 18:17:04.0319600,3180,8
        2023-11-16 18:17:04.9999999,110,27
        2023-11-16 18:17:07,1,1
        """);
    assertThat(t.perSecond()).containsExactly(1, 2, 0, 0, 1);
    assertThat(t.total()).isEqualTo(4);
  }

  @Test
  void rawArrivalsWithoutHeaderWithTAndOutOfOrder() throws IOException {
    Trace t = parse("2023-11-16T23:59:59.5\n2023-11-17T00:00:01.25\n2023-11-16T23:59:58.75\n");
    assertThat(t.perSecond()).containsExactly(1, 1, 0, 1);
  }

  @Test
  void malformedFilesNameTheLine() {
    TraceFormatException e = malformed("second,count\n0,1\n1,x\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.source()).isEqualTo("t.csv");
    assertThat(e).hasMessageStartingWith("t.csv:3: ").hasMessageContaining("'x'");
    assertThat(malformed("second,count\n0,1\n0,2\n")).hasMessageContaining("t.csv:3:")
        .hasMessageContaining("increase");
    assertThat(malformed("second,count\n0,-4\n")).hasMessageContaining("t.csv:2:")
        .hasMessageContaining(">= 0");
    assertThat(malformed("second,count\n0,1,7\n")).hasMessageContaining("t.csv:2:")
        .hasMessageContaining("2 columns");
    assertThat(malformed("second,count\n99999999,1\n")).hasMessageContaining("longest");
    assertThat(malformed("second,count\n").line()).isZero();
    assertThat(malformed("")).hasMessageContaining("empty");
    assertThat(malformed("time,requests\n0,1\n")).hasMessageContaining("t.csv:1:")
        .hasMessageContaining("unrecognised header");
    assertThat(malformed("TIMESTAMP,a\n2023-11-16 18:17:03.9,1\n2023-13-16 18:17:04,1\n").line())
        .isEqualTo(3);
    assertThat(malformed("TIMESTAMP,a\n2023-11-16 18:17:03.9,1\n,1\n"))
        .hasMessageContaining("t.csv:3:").hasMessageContaining("empty timestamp");
    assertThat(malformed("TIMESTAMP\n2023-11-16 18:17:03\n2203-11-16 18:17:03\n"))
        .hasMessageContaining("longest");
  }

  @Test
  void theStagedRawTracesCountToTheStagedPerSecondFiles() throws IOException {
    for (String service : new String[] {"code", "conv"}) {
      Trace raw = Trace.read(SharedTraces.file("AzureLLMInferenceTrace_" + service + ".csv"));
      Trace perSecond = Trace.read(SharedTraces.file("azure_llm_2023_" + service
          + "_per_second.csv"));
      assertThat(raw.perSecond()).as(service).containsExactly(perSecond.perSecond());
    }
  }

  @Test
  void theCombinedTraceHasTheStatisticsItsProvenanceStates() throws IOException {
    Trace t = Trace.read(SharedTraces.file("azure_llm_2023_combined_per_second.csv"));
    assertThat(t.total()).isEqualTo(8_819 + 19_366);
    assertThat(t.peak()).isEqualTo(70);
    assertThat(t.percentile(99)).isEqualTo(33);
    assertThat(t.percentile(50)).isEqualTo(6);
    assertThat(t.mean()).isBetween(8.01, 8.03);
  }
}
