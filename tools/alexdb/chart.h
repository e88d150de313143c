// A small terminal chart drawn with Unicode block elements (▁▂▃▄▅▆▇█).
#ifndef ALEXDB_TOOLS_ALEXDB_CHART_H_
#define ALEXDB_TOOLS_ALEXDB_CHART_H_

#include <string>
#include <vector>

namespace alexdb::cli {

// One column per value, `height` rows of eighth-block resolution between the lowest
// and highest value (a flat series draws as a half-height bar). Returns the lines, top
// row first, each `values.size()` columns wide; `labels[0]` is printed left of the top
// row and `labels[1]` left of the bottom row, padded to a common width.
std::vector<std::string> block_chart(const std::vector<double>& values, int height,
                                     const std::string& top_label, const std::string& bottom_label);

}  // namespace alexdb::cli

#endif  // ALEXDB_TOOLS_ALEXDB_CHART_H_
