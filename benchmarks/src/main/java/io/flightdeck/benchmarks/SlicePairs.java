package io.flightdeck.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The slices of two paths taken in pairs (each slice of the first with the slice of the second
 * after it), so that each pair saw nearly the same stretch of the machine's time: per percentile,
 * the median and the quartiles of the pairs' ratios, and in how many pairs the second path was the
 * slower. A ratio's quartiles show the noise a merged figure hides; a path slower in nearly every
 * pair is slower, however noisy.
 */
final class SlicePairs {
  private SlicePairs() {}

  /**
   * One line per percentile, as {@code "p50 ratio: median 1.04 (quartiles 0.98-1.10), higher in 9
   * of 15 pairs"}; empty if there are no pairs.
   */
  static String lines(List<Histogram> first, List<Histogram> second, String label) {
    int pairs = Math.min(first.size(), second.size());
    StringBuilder lines = new StringBuilder();
    for (int percentile : List.of(50, 99)) {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        double before = first.get(i).getValueAtPercentile(percentile);
        if (before > 0 && second.get(i).getTotalCount() > 0) {
          ratios.add(second.get(i).getValueAtPercentile(percentile) / before);
        }
      }
      if (ratios.isEmpty()) {
        continue;
      }
      ratios.sort(null);
      lines.append(
          String.format(
              "    %s, p%d ratio by pair: median %.2f (quartiles %.2f-%.2f), higher in %d of %d"
                  + " pairs%n",
              label,
              percentile,
              at(ratios, 0.5),
              at(ratios, 0.25),
              at(ratios, 0.75),
              ratios.stream().filter(ratio -> ratio > 1).count(),
              ratios.size()));
    }
    return lines.toString();
  }

  private static double at(List<Double> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
  }
}
