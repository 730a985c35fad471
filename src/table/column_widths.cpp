// The widths of a table's columns from its cells' content (table_layout.h).
#include <algorithm>
#include <numeric>

#include "table/table_layout.h"

namespace nashr {

ContentWidths measure_content(const ItemizedParagraph& itemized, const ShapedParagraph& shaped) {
  // Widths of the pieces between break opportunities (a piece's spaces at its end do not count: a
  // line never ends with them), and of the stretches between hard breaks.
  const std::vector<BreakOpportunity>& breaks = itemized.breaks;
  std::vector<double> piece(breaks.size() + 1, 0);
  std::vector<double> trailing(breaks.size() + 1, 0);
  for (const ShapedRun& run : shaped.runs) {
    if (run.run.font == nullptr) continue;
    const double scale = run.run.font_size / run.run.font->units_per_em();
    for (const ShapedGlyph& glyph : run.glyphs) {
      const auto at = std::upper_bound(breaks.begin(), breaks.end(), glyph.cluster,
                                       [](std::uint32_t cluster, const BreakOpportunity& opportunity) {
                                         return cluster < opportunity.position;
                                       });
      const auto index = static_cast<std::size_t>(at - breaks.begin());
      const double width = glyph.x_advance * scale;
      piece[index] += width;
      if (std::binary_search(itemized.spaces.begin(), itemized.spaces.end(), glyph.cluster))
        trailing[index] += width;
      else
        trailing[index] = 0;
    }
  }
  ContentWidths widths;
  double line = 0;
  for (std::size_t i = 0; i < piece.size(); ++i) {
    widths.narrowest = std::max(widths.narrowest, piece[i] - trailing[i]);
    line += piece[i];
    if (i == breaks.size() || breaks[i].hard) {
      widths.widest = std::max(widths.widest, line - trailing[i]);
      line = 0;
    }
  }
  return widths;
}

namespace {

// Shares `amount` among `columns` by `weight` (evenly when every weight is 0), added to `widths`.
void share(double amount, const std::vector<std::size_t>& columns, const std::vector<double>& weight,
           std::vector<double>& widths) {
  if (columns.empty() || amount <= 0) return;
  double total = 0;
  for (const std::size_t c : columns) total += weight[c];
  for (const std::size_t c : columns) {
    widths[c] += total > 0 ? amount * weight[c] / total : amount / static_cast<double>(columns.size());
  }
}

}  // namespace

std::vector<double> column_widths(const std::vector<TableColumn>& columns, const std::vector<double>& narrowest,
                                  const std::vector<double>& widest, double available) {
  const std::size_t count = columns.size();
  std::vector<double> widths(count, 0);
  std::vector<std::size_t> fitted;
  std::vector<std::size_t> proportional;
  double rest = available;
  for (std::size_t c = 0; c < count; ++c) {
    switch (columns[c].width) {
      case ColumnWidth::fixed:
        widths[c] = std::max(columns[c].value, narrowest[c]);
        rest -= widths[c];
        break;
      case ColumnWidth::fitted: fitted.push_back(c); break;
      case ColumnWidth::proportional: proportional.push_back(c); break;
    }
  }
  // Every fitted and proportional column gets at least its narrowest width.
  double floor = 0;
  for (const std::size_t c : fitted) floor += narrowest[c];
  for (const std::size_t c : proportional) floor += narrowest[c];
  if (floor > rest) {
    // Even the narrowest widths do not fit: squeeze every column in proportion.
    std::vector<double> least = narrowest;
    for (std::size_t c = 0; c < count; ++c)
      if (columns[c].width == ColumnWidth::fixed) least[c] = widths[c];
    const double total = std::accumulate(least.begin(), least.end(), 0.0);
    for (std::size_t c = 0; c < count; ++c) widths[c] = total > 0 ? least[c] * available / total : available / count;
    return widths;
  }
  for (const std::size_t c : fitted) widths[c] = narrowest[c];
  for (const std::size_t c : proportional) widths[c] = narrowest[c];
  rest -= floor;
  // Fitted columns grow towards their widest width, each in proportion to how much it wants.
  std::vector<double> wants(count, 0);
  double wanted = 0;
  for (const std::size_t c : fitted) wanted += wants[c] = widest[c] - narrowest[c];
  if (!proportional.empty()) {
    // Proportional columns take what fitted ones leave at their widest, by weight (each keeps at
    // least its narrowest: a share below it goes to the others).
    share(std::min(rest, wanted), fitted, wants, widths);
    rest -= std::min(rest, wanted);
    std::vector<double> weight(count, 0);
    double total_weight = 0;
    for (const std::size_t c : proportional) total_weight += weight[c] = columns[c].value;
    const double pool = rest + floor - std::accumulate(fitted.begin(), fitted.end(), 0.0, [&](double sum, std::size_t c) {
                          return sum + narrowest[c];
                        });
    for (const std::size_t c : proportional) widths[c] = std::max(narrowest[c], pool * weight[c] / total_weight);
    const double used = std::accumulate(proportional.begin(), proportional.end(), 0.0,
                                        [&](double sum, std::size_t c) { return sum + widths[c]; });
    // A share lifted to its column's narrowest width is taken back from the others by weight.
    const double over = used - pool;
    if (over > 0) {
      std::vector<std::size_t> above;
      for (const std::size_t c : proportional)
        if (widths[c] > narrowest[c]) above.push_back(c);
      double above_total = 0;
      for (const std::size_t c : above) above_total += widths[c] - narrowest[c];
      for (const std::size_t c : above)
        widths[c] -= above_total > 0 ? over * (widths[c] - narrowest[c]) / above_total : 0;
    }
    return widths;
  }
  if (wanted >= rest) {
    share(rest, fitted, wants, widths);
    return widths;
  }
  // Every fitted column at its widest, and the table still fills the measure: the room left goes to
  // the columns in proportion to their widest widths.
  for (const std::size_t c : fitted) widths[c] = widest[c];
  share(rest - wanted, fitted, widest, widths);
  return widths;
}

}  // namespace nashr
