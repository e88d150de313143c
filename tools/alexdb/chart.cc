#include "chart.h"

#include <algorithm>
#include <cmath>

namespace alexdb::cli {

std::vector<std::string> block_chart(const std::vector<double>& values, int height,
                                     const std::string& top_label,
                                     const std::string& bottom_label) {
  static const char* const kEighths[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::vector<std::string> lines;
  if (values.empty() || height < 1) return lines;
  auto [low_it, high_it] = std::minmax_element(values.begin(), values.end());
  double low = *low_it;
  double high = *high_it;
  // Leave a little floor below the minimum so the lowest point still shows a bar.
  double floor = low - (high - low) * 0.1;
  double span = high - floor;
  int levels = height * 8;
  std::vector<int> filled;
  for (double v : values) {
    filled.push_back(span <= 0 ? levels / 2
                               : static_cast<int>(std::lround((v - floor) / span * levels)));
  }
  std::size_t label_width = std::max(top_label.size(), bottom_label.size());
  for (int row = height - 1; row >= 0; --row) {
    std::string label = row == height - 1 ? top_label : row == 0 ? bottom_label : "";
    std::string line = std::string(label_width - label.size(), ' ') + label + " │";
    for (int f : filled) {
      int in_row = std::clamp(f - row * 8, 0, 8);
      line += kEighths[in_row];
    }
    lines.push_back(line);
  }
  return lines;
}

}  // namespace alexdb::cli
