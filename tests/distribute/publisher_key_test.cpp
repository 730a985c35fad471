#include "distribute/publisher_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace nashr {
namespace {

namespace fs = std::filesystem;

fs::path key_file(const std::string& name, const std::string& text, fs::perms mode) {
  const fs::path folder = fs::path(NASHR_BINARY_DIR) / "test-scratch" / "distribute-keys";
  fs::create_directories(folder);
  const fs::path path = folder / name;
  std::ofstream(path, std::ios::binary) << text;
  fs::permissions(path, mode);
  return path;
}

TEST(PublisherKey, ReadsTheFirstLineAndAnOwnerPassword) {
  DiagnosticSink sink;
  const fs::path path = key_file("k1", "# comment\n0123456789abcdef0123\nowner-password=ownerpw\n", fs::perms::owner_read);
  Result<PublisherKey> key = read_publisher_key(path.string(), sink);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->secret, "0123456789abcdef0123");
  EXPECT_EQ(key->owner_password, "ownerpw");
  EXPECT_EQ(sink.warning_count(), 0u);
}

TEST(PublisherKey, WarnsWhenOthersCanReadIt) {
  DiagnosticSink sink;
  const fs::path path = key_file("k2", "0123456789abcdef0123\n",
                                 fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  Result<PublisherKey> key = read_publisher_key(path.string(), sink);
  ASSERT_TRUE(key);
  ASSERT_EQ(sink.warning_count(), 1u);
  EXPECT_EQ(sink.diagnostics()[0].message, "the key file can be read by others (mode 0604)");
  // The derived owner password is the key's, not a constant.
  EXPECT_EQ(key->owner_password, make_publisher_key("0123456789abcdef0123").owner_password);
  EXPECT_NE(key->owner_password, make_publisher_key("0123456789abcdef0124").owner_password);
}

TEST(PublisherKey, RefusesShortMissingAndUnreadableKeys) {
  DiagnosticSink sink;
  Result<PublisherKey> short_key = read_publisher_key(key_file("k3", "short\n", fs::perms::owner_read).string(), sink);
  ASSERT_FALSE(short_key);
  EXPECT_EQ(short_key.error().location.line, 1);
  EXPECT_NE(short_key.error().message.find("under the 16"), std::string::npos);
  Result<PublisherKey> missing = read_publisher_key("/nonexistent/key", sink);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("cannot read the key file"), std::string::npos);
  if (::geteuid() != 0) {  // root reads any file
    Result<PublisherKey> unreadable = read_publisher_key(key_file("k4", "0123456789abcdef\n", fs::perms::none).string(), sink);
    EXPECT_FALSE(unreadable);
  }
}

TEST(PublisherKey, TheEnvironmentVariableWhenNoFile) {
  ::setenv(kPublisherKeyVariable, "environment-key-0123", 1);
  DiagnosticSink sink;
  Result<PublisherKey> key = read_publisher_key("", sink);
  ::unsetenv(kPublisherKeyVariable);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->secret, "environment-key-0123");
  EXPECT_FALSE(read_publisher_key("", sink));
}

TEST(PublisherKey, FingerprintIsTheHmacOfTheId) {
  // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?").
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const PublisherKey key = make_publisher_key("0123456789abcdef0123");
  EXPECT_EQ(subscriber_fingerprint(key, "A-1"), hmac_sha256("0123456789abcdef0123", "A-1"));
  EXPECT_NE(subscriber_fingerprint(key, "A-1"), subscriber_fingerprint(key, "A-2"));
  const std::string password = derived_user_password(key, "A-1");
  EXPECT_EQ(password.size(), 16u);
  EXPECT_NE(password, derived_user_password(key, "A-2"));
}

}  // namespace
}  // namespace nashr
