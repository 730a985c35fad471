#include "distribute/publisher_key.h"

#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

#include "base/file_io.h"

namespace nashr {

namespace {

constexpr const char* kKeyHint =
    "give a key file with --key-file (its first line is the key, at least 16 bytes) or set NASHR_PUBLISHER_KEY";

std::string_view trim_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

Result<PublisherKey> parse_key_file(std::string_view text, const std::string& path) {
  std::string secret;
  std::string owner_password;
  int line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim_line(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    if (line.rfind("owner-password=", 0) == 0) {
      owner_password = line.substr(15);
    } else if (secret.empty()) {
      secret = line;
      if (secret.size() < kMinKeyBytes) {
        return fail(make_error({path, line_number, 1},
                               "the key is " + std::to_string(secret.size()) + " bytes, under the 16 it needs",
                               "make a key with: head -c 32 /dev/urandom | base64 > KEY && chmod 600 KEY"));
      }
    }
  }
  if (secret.empty()) return fail(make_error({path}, "the key file holds no key", kKeyHint));
  PublisherKey key = make_publisher_key(std::move(secret));
  if (!owner_password.empty()) key.owner_password = std::move(owner_password);
  return key;
}

}  // namespace

Sha256Digest sha256(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  Sha256Digest digest;
  sha256_digest(&context, digest.size(), digest.data());
  return digest;
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view message) {
  hmac_sha256_ctx context;
  hmac_sha256_set_key(&context, key.size(), reinterpret_cast<const std::uint8_t*>(key.data()));
  hmac_sha256_update(&context, message.size(), reinterpret_cast<const std::uint8_t*>(message.data()));
  Sha256Digest digest;
  hmac_sha256_digest(&context, digest.size(), digest.data());
  return digest;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::uint8_t byte : bytes) {
    out += kDigits[byte >> 4];
    out += kDigits[byte & 15];
  }
  return out;
}

PublisherKey make_publisher_key(std::string secret) {
  PublisherKey key;
  const Sha256Digest owner = hmac_sha256(secret, std::string_view("nashr owner password", 20));
  key.owner_password = to_hex(owner);
  key.secret = std::move(secret);
  return key;
}

Result<PublisherKey> read_publisher_key(const std::string& key_file, DiagnosticSink& sink) {
  if (key_file.empty()) {
    const char* value = std::getenv(kPublisherKeyVariable);
    if (value == nullptr || *value == '\0') {
      return fail(make_error({}, "no publisher key: neither --key-file nor NASHR_PUBLISHER_KEY", kKeyHint));
    }
    return parse_key_file(value, kPublisherKeyVariable);
  }
  Result<std::string> text = read_file(key_file, ReadLimits{1 << 16});
  if (!text) {
    return fail(make_error({key_file}, "cannot read the key file: " + text.error().message, kKeyHint));
  }
  struct stat status {};
  if (::stat(key_file.c_str(), &status) == 0 && (status.st_mode & (S_IRGRP | S_IROTH)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
    sink.warning({key_file}, std::string("the key file can be read by others (mode ") + mode + ")",
                 "chmod 600 " + key_file);
  }
  return parse_key_file(*text, key_file);
}

Sha256Digest subscriber_fingerprint(const PublisherKey& key, std::string_view subscriber_id) {
  return hmac_sha256(key.secret, subscriber_id);
}

std::string derived_user_password(const PublisherKey& key, std::string_view subscriber_id) {
  std::string message("nashr user password", 19);
  message += '\0';
  message.append(subscriber_id);
  const Sha256Digest digest = hmac_sha256(key.secret, message);
  static constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string password;
  for (std::size_t i = 0; i < 16; ++i) password += kBase32[digest[i] & 31];
  return password;
}

}  // namespace nashr
