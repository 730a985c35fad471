// The command-line options of distribute, trace and build --subscribers (docs/distribute.md).
#include <charconv>
#include <optional>
#include <string_view>

#include "cli/options.h"

namespace nashr {

namespace {

// The value of `--name=VALUE` or `--name VALUE` at arguments[i]; nullopt when the argument is not
// `name`. A missing value gives an empty string.
std::optional<std::string> value_of(const std::vector<std::string>& arguments, std::size_t& i, std::string_view name) {
  const std::string& argument = arguments[i];
  if (argument == name) return i + 1 < arguments.size() ? arguments[++i] : std::string();
  if (argument.size() > name.size() && argument.compare(0, name.size(), name) == 0 && argument[name.size()] == '=') {
    return argument.substr(name.size() + 1);
  }
  return std::nullopt;
}

bool parse_count(std::string_view text, unsigned& value) {
  const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && code == std::errc() && end == text.data() + text.size();
}

std::string parse_shard(const std::string& value, DistributeOptions& options) {
  const std::size_t slash = value.find('/');
  if (slash == std::string::npos || !parse_count(std::string_view(value).substr(0, slash), options.shard) ||
      !parse_count(std::string_view(value).substr(slash + 1), options.shard_count) || options.shard_count == 0 ||
      options.shard == 0 || options.shard > options.shard_count || options.shard_count > 100000) {
    return "--shard takes K/N with 1 <= K <= N, e.g. --shard 2/8";
  }
  return {};
}

std::string parse_allow(const std::string& value, Permissions& permissions) {
  permissions = Permissions{};
  permissions.print = PrintPermission::none;
  std::string_view rest = value;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item == "print") {
      permissions.print = PrintPermission::full;
    } else if (item == "print-low") {
      permissions.print = PrintPermission::low;
    } else if (item == "copy") {
      permissions.copy = true;
    } else if (item == "annotate") {
      permissions.annotate = true;
    } else if (item == "forms") {
      permissions.forms = true;
    } else if (item == "assemble") {
      permissions.assemble = true;
    } else if (item == "modify") {
      permissions.modify = true;
    } else if (item != "none") {
      return "--allow takes print, print-low, copy, annotate, forms, assemble, modify or none, not '" +
             std::string(item) + "'";
    }
  }
  return {};
}

std::string parse_password_source(const std::string& value, UserPasswordSource& source) {
  if (value == "column") {
    source = UserPasswordSource::column;
  } else if (value == "derive") {
    source = UserPasswordSource::derive;
  } else if (value == "none") {
    source = UserPasswordSource::none;
  } else {
    return "--user-password takes column, derive or none, not '" + value + "'";
  }
  return {};
}

}  // namespace

std::string take_distribute_option(const std::vector<std::string>& arguments, std::size_t& i, Options& options,
                                   bool& taken) {
  DistributeOptions& d = options.distribute;
  taken = true;
  if (arguments[i] == "--keep-going") {
    d.keep_going = true;
  } else if (arguments[i] == "--watermark") {
    d.watermark = true;
  } else if (std::optional<std::string> value = value_of(arguments, i, "--subscribers")) {
    d.subscribers = *value;
    if (value->empty()) return "--subscribers needs a CSV file";
  } else if ((value = value_of(arguments, i, "--key-file"))) {
    d.key_file = *value;
    if (value->empty()) return "--key-file needs a file (the key itself never goes on the command line)";
  } else if ((value = value_of(arguments, i, "--style"))) {
    d.style = *value;
    if (value->empty()) return "--style needs a style name or file";
  } else if ((value = value_of(arguments, i, "--shard"))) {
    return parse_shard(*value, d);
  } else if ((value = value_of(arguments, i, "--allow"))) {
    return parse_allow(*value, d.permissions);
  } else if ((value = value_of(arguments, i, "--user-password"))) {
    return parse_password_source(*value, d.passwords);
  } else {
    taken = false;
  }
  return {};
}

std::string check_distribute_options(Options& options) {
  DistributeOptions& d = options.distribute;
  const bool copies = options.command == Command::distribute || options.command == Command::trace;
  const bool any = !d.subscribers.empty() || !d.key_file.empty() || !d.style.empty() || d.keep_going ||
                   d.watermark || d.shard_count != 1 || d.passwords != UserPasswordSource::column ||
                   to_string(d.permissions) != "print";
  if (!copies && any && options.command != Command::build) return "--subscribers and its options go with build, distribute or trace";
  if (options.command == Command::build && any && d.subscribers.empty()) return "the copies' options need --subscribers";
  if (options.command == Command::build && !d.subscribers.empty() && !options.dump.empty()) {
    return "--subscribers and --dump do not go together";
  }
  if (!copies) return {};
  if (d.subscribers.empty()) return "--subscribers FILE.csv is needed";
  if (options.inputs.size() != 1) {
    return options.command == Command::trace ? "trace takes one PDF" : "distribute takes one issue PDF";
  }
  d.issue = options.inputs.front();
  d.output_dir = options.output_given ? options.output_dir : "copies";
  d.threads = options.jobs;
  return {};
}

}  // namespace nashr
