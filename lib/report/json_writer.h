// Serialising a JSON document: byte for byte what nlohmann's dump(indent) writes, without its
// per-character output adapter (the serializer was half of `gbc analyze --format json` on a
// model file), and with invalid UTF-8 replaced by U+FFFD instead of throwing.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace gbc::report {

/// `j` as nlohmann's `j.dump(indent)` writes it: indent < 0 is compact (`{"a":1,"b":[2]}`),
/// indent >= 0 puts each member on its own line, `indent` spaces per level. Strings keep UTF-8
/// as is and escape `"`, `\` and control characters.
std::string dumpJson(const nlohmann::ordered_json& j, int indent = -1);
std::string dumpJson(const nlohmann::json& j, int indent = -1);

/// Appends the JSON string literal of `s` to `out`.
void appendJsonString(std::string& out, std::string_view s);

}  // namespace gbc::report
