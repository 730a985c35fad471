#pragma once
// The publisher's secret: the key of the subscribers' fingerprints (HMAC-SHA256) and the source of
// the copies' owner password. It comes from a key file or the environment, never the command line
// (where `ps` and shell histories would show it).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/result.h"

namespace nashr {

// The environment variable that holds the key itself when no key file is given.
inline constexpr const char* kPublisherKeyVariable = "NASHR_PUBLISHER_KEY";
// Shorter keys are refused: the fingerprint is only as strong as the key.
inline constexpr std::size_t kMinKeyBytes = 16;

using Sha256Digest = std::array<std::uint8_t, 32>;

struct PublisherKey {
  std::string secret;
  std::string owner_password;  // the key file's `owner-password=` line, else derived from the secret
};

// The key file: its first line (not starting with '#') is the secret, at least 16 bytes; a line
// `owner-password=…` sets the owner password. A file that group or others can read gets a warning.
// Without a key file, the environment variable. Fails, located at the file, when neither gives a key.
Result<PublisherKey> read_publisher_key(const std::string& key_file, DiagnosticSink& sink);

// The key of `secret` with the owner password derived from it.
PublisherKey make_publisher_key(std::string secret);

Sha256Digest sha256(std::string_view bytes);
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);
std::string to_hex(std::span<const std::uint8_t> bytes);

// A subscriber's fingerprint: HMAC-SHA256(secret, id). Only the key's holder can compute it.
Sha256Digest subscriber_fingerprint(const PublisherKey& key, std::string_view subscriber_id);

// The user password derived from the key and the id (`--user-password=derive`): 16 characters of
// base32 (A–Z, 2–7) of HMAC-SHA256(secret, "nashr user password\0" + id), which the publisher can
// recompute from the key and the id (docs/distribute.md).
std::string derived_user_password(const PublisherKey& key, std::string_view subscriber_id);

}  // namespace nashr
