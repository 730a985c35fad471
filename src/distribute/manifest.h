#pragma once
// The manifests of a distribution: DIR/manifest.json and DIR/manifest.csv (in a shard,
// manifest-K-of-N.*), listing each copy's file, subscriber id, SHA-256 and status. Never a password.
#include "base/result.h"
#include "distribute/distribute.h"

namespace nashr {

std::string manifest_json(const DistributeOptions& options, const IssuePdf& issue, const DistributeSummary& summary);
std::string manifest_csv(const DistributeSummary& summary);

// Writes both, each atomically.
Result<void> write_manifests(const DistributeOptions& options, const IssuePdf& issue, const DistributeSummary& summary);

}  // namespace nashr
