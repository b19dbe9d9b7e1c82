// The Language Server loop.
#include "lsp_server.h"
#include "interp/reach.h"

#include "analysis.h"
#include "config.h"
#include "interp/driver.h"
#include "report/json.h"
#include "report/json_writer.h"
#include "report/lsp.h"
#include "report/registry.h"
#include "report/suppress.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>

namespace gbc::app {

using Json = nlohmann::json;

/// One framed message's body, or nullopt at end of input.
static std::optional<std::string> readMessage(std::istream& in) {
  std::size_t length = 0;
  bool have_length = false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (have_length) break;
      continue;
    }
    constexpr std::string_view kHeader = "Content-Length:";
    if (line.size() > kHeader.size() && line.compare(0, kHeader.size(), kHeader) == 0) {
      length = std::stoul(line.substr(kHeader.size()));
      have_length = true;
    }
  }
  if (!have_length) return std::nullopt;
  std::string body(length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in.gcount()) != length) return std::nullopt;
  return body;
}

static void writeMessage(std::ostream& out, const Json& message) {
  std::string body = report::dumpJson(message);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

/// A diagnostic for a file gbc could not analyse: `file:line:col: syntax error ...` at its line.
static Json failureDiagnostic(const Error& error) {
  uint32_t line = 0, column = 0;
  std::smatch match;
  static const std::regex kPosition(R"(:(\d+):(\d+): )");
  if (std::regex_search(error.message, match, kPosition)) {
    line = static_cast<uint32_t>(std::stoul(match[1])) - 1;
    column = static_cast<uint32_t>(std::stoul(match[2])) - 1;
  }
  return Json{{"range",
               {{"start", {{"line", line}, {"character", column}}},
                {"end", {{"line", line}, {"character", column + 1}}}}},
              {"severity", 1},
              {"source", "gbc"},
              {"message", error.message}};
}

static Json analyzeDocument(const std::string& uri, const std::string& text,
                            const TargetProfile& default_target) {
  std::string path = report::pathFromUri(uri);
  if (path.empty()) path = uri;
  TargetProfile target = default_target;
  std::set<std::string> ignore;
  if (Result<Config> config = findConfig(path); config) {
    if (config->target) target = *findTarget(*config->target);
    ignore.insert(config->ignore.begin(), config->ignore.end());
  }
  interp::Options options;
  options.target = target;
  Result<interp::Outcome> outcome = analyzeSource(path, text, options);
  if (!outcome) return Json::array({failureDiagnostic(outcome.error())});
  report::FileReport& file = outcome->report;
  report::applySuppressions(file, report::registryFor(target), ignore);
  return report::lspDiagnostics(file, target);
}

int serveLsp(std::istream& in, std::ostream& out, const TargetProfile& default_target) {
  std::map<std::string, std::string> documents;
  std::chrono::steady_clock::time_point disk_read_at{};
  bool shutdown = false;
  auto publish = [&](const std::string& uri, const Json& diagnostics) {
    writeMessage(out, Json{{"jsonrpc", "2.0"},
                           {"method", "textDocument/publishDiagnostics"},
                           {"params", {{"uri", uri}, {"diagnostics", diagnostics}}}});
  };
  while (std::optional<std::string> body = readMessage(in)) {
    Json message = Json::parse(*body, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded() || !message.is_object()) {
      writeMessage(out, Json{{"jsonrpc", "2.0"},
                             {"id", nullptr},
                             {"error", {{"code", -32700}, {"message", "parse error"}}}});
      continue;
    }
    std::string method = message.value("method", "");
    Json id = message.contains("id") ? message["id"] : Json();
    Json params = message.value("params", Json::object());
    auto reply = [&](const Json& result) {
      writeMessage(out, Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
    };
    if (method == "initialize") {
      reply({{"capabilities",
              {{"textDocumentSync",
                {{"openClose", true}, {"change", 1}, {"save", {{"includeText", true}}}}}}},
             {"serverInfo", {{"name", "gbc"}, {"version", report::toolVersion()}}}});
    } else if (method == "shutdown") {
      shutdown = true;
      reply(nullptr);
    } else if (method == "exit") {
      return shutdown ? 0 : 1;
    } else if (method == "textDocument/didOpen" || method == "textDocument/didChange" ||
               method == "textDocument/didSave") {
      const Json& doc = params.value("textDocument", Json::object());
      std::string uri = doc.value("uri", "");
      if (method == "textDocument/didOpen") documents[uri] = doc.value("text", "");
      if (method == "textDocument/didChange") {
        const Json& changes = params.value("contentChanges", Json::array());
        if (!changes.empty()) documents[uri] = changes.back().value("text", "");
      }
      if (method == "textDocument/didSave" && params.contains("text"))
        documents[uri] = params.value("text", "");
      // What the project's files on disk say (which of them can import torch, interp/reach.h) is
      // read again after a save or an open, and otherwise at most every few seconds: an edit
      // changes only the document, whose text comes with it; a scan of a large tree costs more
      // than analysing a file.
      auto now = std::chrono::steady_clock::now();
      if (method != "textDocument/didChange" || now - disk_read_at > std::chrono::seconds(5)) {
        interp::forgetReachScans();
        disk_read_at = now;
      }
      publish(uri, analyzeDocument(uri, documents[uri], default_target));
    } else if (method == "textDocument/didClose") {
      std::string uri = params.value("textDocument", Json::object()).value("uri", "");
      documents.erase(uri);
      publish(uri, Json::array());
    } else if (!id.is_null() && !method.empty()) {
      writeMessage(out,
                   Json{{"jsonrpc", "2.0"},
                        {"id", id},
                        {"error", {{"code", -32601}, {"message", "method not found: " + method}}}});
    }
  }
  return shutdown ? 0 : 1;
}

}  // namespace gbc::app
