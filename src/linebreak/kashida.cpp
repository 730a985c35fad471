#include "linebreak/kashida.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace nashr {

namespace {

// Extensions for one priority class; returns how much of `request` it took.
double fill_class_continuous(std::span<const KashidaOpportunity> opportunities,
                             std::vector<std::size_t> members, double request,
                             std::vector<double>& extensions) {
  std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
    return opportunities[a].max_extension < opportunities[b].max_extension;
  });
  double remaining = request;
  for (std::size_t k = 0; k < members.size(); ++k) {
    const double share = remaining / static_cast<double>(members.size() - k);
    const double cap = std::max(0.0, opportunities[members[k]].max_extension);
    if (cap <= share) {
      extensions[members[k]] = cap;
      remaining -= cap;
      continue;
    }
    for (std::size_t j = k; j < members.size(); ++j) extensions[members[j]] = share;
    remaining = 0;
    break;
  }
  return request - remaining;
}

double fill_class_quantized(std::span<const KashidaOpportunity> opportunities,
                            std::vector<std::size_t> members, double request, double quantum,
                            std::vector<double>& extensions) {
  constexpr double kSlack = 1e-9;  // so 3 × (w/3) counts as three quanta despite rounding
  const auto units_of = [&](double length) {
    return static_cast<long long>(std::floor(std::max(0.0, length) / quantum + kSlack));
  };
  long long units = units_of(request);
  const long long start_units = units;
  std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
    return opportunities[a].max_extension < opportunities[b].max_extension;
  });
  for (std::size_t k = 0; k < members.size(); ++k) {
    const long long open = static_cast<long long>(members.size() - k);
    const long long share = units / open;
    const long long cap = units_of(opportunities[members[k]].max_extension);
    if (cap <= share) {
      extensions[members[k]] = static_cast<double>(cap) * quantum;
      units -= cap;
      continue;
    }
    // Every remaining member can take more than `share`: give each `share`, then the few quanta
    // left over to members spread evenly along the line.
    std::vector<std::size_t> rest(members.begin() + static_cast<std::ptrdiff_t>(k), members.end());
    std::sort(rest.begin(), rest.end(), [&](std::size_t a, std::size_t b) {
      return opportunities[a].position < opportunities[b].position;
    });
    const long long extra = units - share * open;
    for (std::size_t j = 0; j < rest.size(); ++j) extensions[rest[j]] = static_cast<double>(share) * quantum;
    for (long long j = 0; j < extra; ++j) {
      const auto pick = static_cast<std::size_t>((static_cast<double>(j) + 0.5) * static_cast<double>(open) /
                                                 static_cast<double>(extra));
      extensions[rest[pick]] += quantum;
    }
    units = 0;
    break;
  }
  return static_cast<double>(start_units - units) * quantum;
}

}  // namespace

KashidaDistribution distribute_kashida(double request, std::span<const KashidaOpportunity> opportunities,
                                       double quantum) {
  KashidaDistribution out;
  out.extensions.assign(opportunities.size(), 0);
  double remaining = std::max(0.0, request);
  std::vector<std::size_t> order(opportunities.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return opportunities[a].priority < opportunities[b].priority;
  });
  for (std::size_t first = 0; first < order.size() && remaining > 0;) {
    std::size_t last = first;
    while (last < order.size() && opportunities[order[last]].priority == opportunities[order[first]].priority)
      ++last;
    std::vector<std::size_t> members(order.begin() + static_cast<std::ptrdiff_t>(first),
                                     order.begin() + static_cast<std::ptrdiff_t>(last));
    remaining -= quantum > 0
                     ? fill_class_quantized(opportunities, members, remaining, quantum, out.extensions)
                     : fill_class_continuous(opportunities, members, remaining, out.extensions);
    first = last;
  }
  out.used = std::accumulate(out.extensions.begin(), out.extensions.end(), 0.0);
  out.unused = std::max(0.0, request) - out.used;
  if (std::abs(out.unused) < 1e-9) out.unused = 0;
  return out;
}

KashidaDistribution spread_kashida_in_rounds(double request, std::span<const KashidaOpportunity> opportunities,
                                             double quantum) {
  constexpr double kSlack = 1e-9;  // so 3 × (w/3) counts as three quanta despite rounding
  KashidaDistribution out;
  out.extensions.assign(opportunities.size(), 0);
  if (quantum <= 0) return distribute_kashida(request, opportunities);
  const auto units_of = [&](double length) {
    return static_cast<long long>(std::floor(std::max(0.0, length) / quantum + kSlack));
  };
  std::vector<long long> given(opportunities.size(), 0), cap(opportunities.size());
  for (std::size_t k = 0; k < opportunities.size(); ++k) cap[k] = units_of(opportunities[k].max_extension);
  long long units = units_of(request);
  std::vector<std::size_t> open;
  while (units > 0) {
    open.clear();
    for (std::size_t k = 0; k < opportunities.size(); ++k) {
      if (given[k] < cap[k]) open.push_back(k);
    }
    if (open.empty()) break;
    if (units >= static_cast<long long>(open.size())) {
      for (const std::size_t k : open) ++given[k];
      units -= static_cast<long long>(open.size());
      continue;
    }
    // The last, partial round: whole classes first, then the class the quanta run out in.
    std::stable_sort(open.begin(), open.end(), [&](std::size_t a, std::size_t b) {
      return opportunities[a].priority < opportunities[b].priority;
    });
    std::size_t first = 0;
    while (first < open.size() && units > 0) {
      std::size_t last = first;
      while (last < open.size() && opportunities[open[last]].priority == opportunities[open[first]].priority) ++last;
      const auto members = static_cast<long long>(last - first);
      if (units >= members) {
        for (std::size_t i = first; i < last; ++i) ++given[open[i]];
        units -= members;
      } else {
        std::sort(open.begin() + static_cast<std::ptrdiff_t>(first), open.begin() + static_cast<std::ptrdiff_t>(last),
                  [&](std::size_t a, std::size_t b) { return opportunities[a].position < opportunities[b].position; });
        for (long long j = 0; j < units; ++j) {
          const auto pick = static_cast<std::size_t>((static_cast<double>(j) + 0.5) * static_cast<double>(members) /
                                                     static_cast<double>(units));
          ++given[open[first + pick]];
        }
        units = 0;
      }
      first = last;
    }
  }
  for (std::size_t k = 0; k < opportunities.size(); ++k) out.extensions[k] = static_cast<double>(given[k]) * quantum;
  out.used = std::accumulate(out.extensions.begin(), out.extensions.end(), 0.0);
  out.unused = std::max(0.0, request) - out.used;
  if (std::abs(out.unused) < 1e-9) out.unused = 0;
  return out;
}

}  // namespace nashr
