#pragma once
// An immutable string that its copies share: a link's address is held once, however many spans,
// lines and pages its text is set on (each of them used to copy it).
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace nashr {

class SharedString {
 public:
  SharedString() = default;
  SharedString(std::string text)  // NOLINT(google-explicit-constructor): reads like a std::string
      : text_(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text))) {}
  SharedString(const char* text) : SharedString(std::string(text)) {}  // NOLINT(google-explicit-constructor)

  const std::string& str() const { return text_ ? *text_ : empty_string(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  bool empty() const { return text_ == nullptr; }
  const char* c_str() const { return str().c_str(); }
  // The same shared text (cheap), or equal texts.
  friend bool operator==(const SharedString& a, const SharedString& b) {
    return a.text_ == b.text_ || a.str() == b.str();
  }
  friend bool operator==(const SharedString& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const SharedString& a, const char* b) { return a.str() == b; }
  friend std::ostream& operator<<(std::ostream& out, const SharedString& s) { return out << s.str(); }

 private:
  static const std::string& empty_string() {
    static const std::string empty;
    return empty;
  }
  std::shared_ptr<const std::string> text_;
};

}  // namespace nashr
