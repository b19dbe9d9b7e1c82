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

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <thread>

namespace gbc::app {

using Json = nlohmann::json;

/// Framed messages are at most this large: a larger Content-Length is refused, never allocated.
constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;

/// One read from the client: a message body, or why the framing was broken (the reader then
/// looks for the next Content-Length header), or the end of input.
struct Framed {
  enum class Kind { Body, Malformed, End } kind = Kind::End;
  std::string text;  ///< the body, or what was wrong with the header
};

static Framed readMessage(std::istream& in) {
  constexpr std::string_view kHeader = "Content-Length:";
  bool have_length = false;
  std::size_t length = 0;
  std::string bad;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (have_length || !bad.empty()) break;
      continue;
    }
    // after a broken message, its unframed body and the next header may share a line
    std::size_t at = line.find(kHeader);
    if (at == std::string::npos) continue;
    std::string value = line.substr(at + kHeader.size());
    std::size_t first = value.find_first_not_of(" \t");
    value = first == std::string::npos ? "" : value.substr(first);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
      bad = "invalid Content-Length '" + value + "'";
      have_length = false;
    } else if (n > kMaxMessageBytes) {
      bad = "Content-Length " + value + " is over the limit of " +
            std::to_string(kMaxMessageBytes) + " bytes";
      have_length = false;
    } else {
      have_length = true;
      length = n;
      bad.clear();
    }
  }
  if (!have_length) {
    if (!bad.empty()) return {Framed::Kind::Malformed, bad};
    return {};
  }
  std::string body(length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in.gcount()) != length) return {};
  return {Framed::Kind::Body, std::move(body)};
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

/// The document's diagnostics, or nullopt when the analysis was cancelled by a newer message.
static std::optional<Json> analyzeDocument(const std::string& uri, const std::string& text,
                                           const TargetProfile& default_target,
                                           const std::atomic<bool>& cancel) {
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
  // an editor's document is often unfinished (`while True:` being typed): bounded as
  // `gbc analyze` is, and stopped as soon as a newer edit arrives
  options.timeout_s = 10;
  options.max_memory_mb = 4096;
  options.cancel = &cancel;
  Result<interp::Outcome> outcome = analyzeSource(path, text, options);
  if (cancel.load()) return std::nullopt;
  if (!outcome) return Json::array({failureDiagnostic(outcome.error())});
  report::FileReport& file = outcome->report;
  report::applySuppressions(file, report::registryFor(target), ignore);
  return report::lspDiagnostics(file, target);
}

namespace {

/// The document a message is about ("" for none); never throws.
std::string documentUri(const Json& message) {
  const Json* params = message.contains("params") ? &message["params"] : nullptr;
  if (!params || !params->is_object() || !params->contains("textDocument")) return "";
  const Json& doc = (*params)["textDocument"];
  if (!doc.is_object() || !doc.contains("uri") || !(doc["uri"].is_string())) return "";
  return doc["uri"].get<std::string>();
}

std::string methodOf(const Json& message) {
  if (!message.contains("method") || !message["method"].is_string()) return "";
  return message["method"].get<std::string>();
}

bool changesDocument(const std::string& method) {
  return method == "textDocument/didOpen" || method == "textDocument/didChange" ||
         method == "textDocument/didSave" || method == "textDocument/didClose";
}

/// Messages read by the reader thread, handled in order by the server's thread. The reader
/// cancels the analysis under way when a message makes its result stale (a newer change of the
/// same document) or the client wants to stop (shutdown, exit, end of input).
struct Inbox {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Framed> queue;  // Body (parsed by the server's thread) or Malformed
  std::deque<Json> parsed;   // the queue's bodies, parsed by the reader, same order
  bool closed = false;
  std::string analysing;  // the uri being analysed, "" for none
  std::atomic<bool> cancel{false};

  void push(Framed framed) {
    Json message;
    if (framed.kind == Framed::Kind::Body)
      message = Json::parse(framed.text, nullptr, /*allow_exceptions=*/false);
    std::lock_guard<std::mutex> lock(mutex);
    if (framed.kind == Framed::Kind::End) {
      closed = true;
      cancel = true;
    } else {
      std::string method = message.is_object() ? methodOf(message) : "";
      if (method == "shutdown" || method == "exit" ||
          (!analysing.empty() && changesDocument(method) && documentUri(message) == analysing))
        cancel = true;
      queue.push_back(std::move(framed));
      parsed.push_back(std::move(message));
    }
    ready.notify_one();
  }

  /// The next message (false at the end of input and an empty queue).
  bool pop(Framed& framed, Json& message) {
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait(lock, [&] { return closed || !queue.empty(); });
    if (queue.empty()) return false;
    framed = std::move(queue.front());
    message = std::move(parsed.front());
    queue.pop_front();
    parsed.pop_front();
    return true;
  }

  /// Marks `uri` as being analysed, unless a later message already queued changes it (then
  /// only that one is analysed: false) or asks the server to stop. From here on, such a message
  /// cancels the analysis.
  bool startAnalysis(const std::string& uri) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const Json& m : parsed) {
      std::string method = m.is_object() ? methodOf(m) : "";
      if (method == "shutdown" || method == "exit") return false;  // nobody waits for it
      if (changesDocument(method) && documentUri(m) == uri) return false;
    }
    analysing = uri;
    cancel = closed;
    return true;
  }
  void endAnalysis() {
    std::lock_guard<std::mutex> lock(mutex);
    analysing.clear();
  }
};

void logLine(const std::string& text) {
  std::cerr << "gbc lsp: " << text << "\n";
  std::cerr.flush();
}

}  // namespace

int serveLsp(std::istream& in, std::ostream& out, const TargetProfile& default_target) {
  auto inbox = std::make_shared<Inbox>();
  // The reader owns `in` until the end of input; it is detached, so a server told to exit does
  // not wait for a client that keeps the stream open.
  std::thread([inbox, &in] {
    for (;;) {
      Framed framed = readMessage(in);
      bool end = framed.kind == Framed::Kind::End;
      inbox->push(std::move(framed));
      if (end) return;
    }
  }).detach();

  std::map<std::string, std::string> documents;
  std::chrono::steady_clock::time_point disk_read_at{};
  bool shutdown = false;
  auto publish = [&](const std::string& uri, const Json& diagnostics) {
    writeMessage(out, Json{{"jsonrpc", "2.0"},
                           {"method", "textDocument/publishDiagnostics"},
                           {"params", {{"uri", uri}, {"diagnostics", diagnostics}}}});
  };
  auto error = [&](const Json& id, int code, const std::string& text) {
    writeMessage(
        out, Json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", text}}}});
  };
  Framed framed;
  Json message;
  while (inbox->pop(framed, message)) {
    if (framed.kind == Framed::Kind::Malformed) {
      logLine("dropped a message: " + framed.text);
      continue;
    }
    if (message.is_discarded() || !message.is_object()) {
      error(nullptr, -32700, "parse error");
      continue;
    }
    std::string method = methodOf(message);
    Json id = message.contains("id") ? message["id"] : Json();
    try {
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
      } else if (changesDocument(method) && method != "textDocument/didClose") {
        const Json& doc = params.value("textDocument", Json::object());
        std::string uri = doc.value("uri", "");
        if (method == "textDocument/didOpen") documents[uri] = doc.value("text", "");
        if (method == "textDocument/didChange") {
          const Json& changes = params.value("contentChanges", Json::array());
          if (!changes.empty()) documents[uri] = changes.back().value("text", "");
        }
        if (method == "textDocument/didSave" && params.contains("text"))
          documents[uri] = params.value("text", "");
        // What the project's files on disk say (which of them can import torch, interp/reach.h)
        // is read again after a save or an open, and otherwise at most every few seconds: an
        // edit changes only the document, whose text comes with it; a scan of a large tree
        // costs more than analysing a file.
        auto now = std::chrono::steady_clock::now();
        if (method != "textDocument/didChange" || now - disk_read_at > std::chrono::seconds(5)) {
          interp::forgetReachScans();
          disk_read_at = now;
        }
        // queued edits of the same document: only the newest is analysed
        if (!inbox->startAnalysis(uri)) continue;
        std::optional<Json> diagnostics =
            analyzeDocument(uri, documents[uri], default_target, inbox->cancel);
        inbox->endAnalysis();
        if (diagnostics) publish(uri, *diagnostics);
      } else if (method == "textDocument/didClose") {
        std::string uri = params.value("textDocument", Json::object()).value("uri", "");
        documents.erase(uri);
        publish(uri, Json::array());
      } else if (!id.is_null() && !method.empty()) {
        error(id, -32601, "method not found: " + method);
      }
    } catch (const std::exception& e) {
      // a message of the wrong shape (`"uri": 5`): answered or logged, never fatal
      if (!id.is_null())
        error(id, -32602, "invalid params: " + std::string(e.what()));
      else
        logLine("ignored " + (method.empty() ? std::string("a message") : method) + ": " +
                e.what());
    }
  }
  return shutdown ? 0 : 1;
}

}  // namespace gbc::app
