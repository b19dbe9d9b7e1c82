// JSON report tests: schema version 1 fields from hand-built values.
#include "report/json.h"

#include "report/test_fixtures.h"
#include "report/text.h"

#include <catch2/catch.hpp>

namespace gbc::report {
namespace {

using namespace testing;

graph::Node node(graph::NodeOp op, std::string target, uint32_t line) {
  graph::Node out;
  out.op = op;
  out.name = target;
  out.target = std::move(target);
  out.line = line;
  return out;
}

Report seedReport() {
  Report report;
  FileReport file = fileWith(kSeed05);
  file.path = "/abs/seed_05.py";
  GraphBreak brk = seed02Break(215, true);
  file.graph_breaks.push_back(brk);
  brk.duplicate = true;
  brk.frame_id = "1/0";
  brk.messages.push_back(graphBreakInLoop("frame skipped"));
  file.graph_breaks.push_back(brk);
  file.errors.push_back(seed05Error(215));
  graph::Graph g;
  g.frame = "fn";
  g.frame_file = "/abs/seed_05.py";
  g.frame_id = "0/0";
  g.inputs = 1;
  g.outputs = 1;
  g.nodes = {node(graph::NodeOp::Placeholder, "l_x_", 0),
             node(graph::NodeOp::CallFunction, "add", 5), node(graph::NodeOp::Output, "output", 0)};
  file.graphs.push_back(g);
  file.diagnostics.push_back({Severity::Warning, "", 3, 1, "gbc cannot model x"});
  report.files.push_back(std::move(file));
  return report;
}

TEST_CASE("the JSON report has schema version 1's top level", "[report][json]") {
  auto json = toJson(seedReport(), kTarget2_14);
  CHECK(json["schema_version"] == 1);
  CHECK(json["tool"]["name"] == "gbc");
  CHECK(json["tool"]["version"] == std::string(toolVersion()));
  CHECK(json["tool"]["target"]["torch"] == "2.14");
  CHECK(json["tool"]["target"]["python"] == "3.14");
  auto summary = json["summary"];
  CHECK(summary["files"] == 1);
  CHECK(summary["graph_breaks"] == 2);
  CHECK(summary["unique_graph_breaks"] == 1);
  CHECK(summary["errors"] == 1);
  CHECK(summary["graphs"] == 1);
  CHECK(json["files"][0]["path"] == "/abs/seed_05.py");
}

TEST_CASE("a graph break carries its position, codes, message parts and text", "[report][json]") {
  Report report = seedReport();
  auto json = toJson(report, kTarget2_14);
  auto brk = json["files"][0]["graph_breaks"][0];
  CHECK(brk["file"] == "<case>");
  CHECK(brk["line"] == 6);
  CHECK(brk["column"] == 5);  // CPython col 4, 1-based
  CHECK(brk["end_line"] == 6);
  CHECK(brk["end_column"] == 32);
  CHECK(brk["gb_code"] == "GB0025");
  CHECK(brk["gbs"] == nlohmann::ordered_json::array({"GB0025"}));
  CHECK(brk["gb_type"] == "Call to `torch._dynamo.graph_break()`");
  CHECK(brk["instruction"] == "CALL");
  CHECK(brk["explanation"] == "User-inserted graph break. Message: None");
  CHECK(brk["hints"].size() == 1);
  CHECK(brk["context"] == "Called `torch._dynamo.graph_break()` with args `[]`, kwargs `{}`");
  CHECK(brk["duplicate"] == false);
  CHECK(brk["frame"] == "fn");
  CHECK(brk["frame_id"] == "0/0");
  REQUIRE(brk["user_stack"].size() == 5);
  CHECK(brk["user_stack"][0]["function"] == "<module>");
  CHECK(brk["user_stack"][0]["line"] == 19);
  const FileReport& file = report.files.front();
  CHECK(brk["text"] == renderRecord(file.graph_breaks[0], file, kTarget2_14));

  auto chained = json["files"][0]["graph_breaks"][1];
  CHECK(chained["duplicate"] == true);
  CHECK(chained["gb_code"] == "GB0025");
  CHECK(chained["gbs"] == nlohmann::ordered_json::array({"GB0025", "GB7000"}));

  SECTION("no instruction and no columns are null") {
    report.files[0].graph_breaks[0].instruction.clear();
    report.files[0].graph_breaks[0].location.has_columns = false;
    auto plain = toJson(report, kTarget2_14)["files"][0]["graph_breaks"][0];
    CHECK(plain["instruction"].is_null());
    CHECK(plain["column"].is_null());
    CHECK(plain["end_column"].is_null());
  }
  SECTION("an unknown gb_type has a null code") {
    report.files[0].graph_breaks[0].messages = {GbMessage{"unknown", "", {}, ""}};
    auto unknown = toJson(report, kTarget2_14)["files"][0]["graph_breaks"][0];
    CHECK(unknown["gb_code"].is_null());
    CHECK(unknown["gbs"].empty());
  }
}

TEST_CASE("an error names its innermost frame and last code", "[report][json]") {
  Report report = seedReport();
  report.files[0].errors[0].messages.push_back(GbMessage{"unknown", "", {}, ""});
  auto error = toJson(report, kTarget2_11)["files"][0]["errors"][0];
  CHECK(error["gb_code"] == "GB0025");
  CHECK(error["file"] == "<case>");
  CHECK(error["line"] == 6);
  CHECK(error["function"] == "inner2");
  CHECK(error["user_stack"].size() == 4);
  const FileReport& file = report.files.front();
  CHECK(error["text"] == renderUnsupported(file.errors[0], file, kTarget2_11));
}

TEST_CASE("graphs list their ops and nodes; diagnostics their position", "[report][json]") {
  auto file = toJson(seedReport(), kTarget2_14)["files"][0];
  auto graph = file["graphs"][0];
  CHECK(graph["id"] == 0);
  CHECK(graph["frame"] == "fn");
  CHECK(graph["frame_file"] == "/abs/seed_05.py");
  CHECK(graph["frame_id"] == "0/0");
  CHECK(graph["ops"] == nlohmann::ordered_json::array({"add"}));
  CHECK(graph["inputs"] == 1);
  CHECK(graph["outputs"] == 1);
  REQUIRE(graph["nodes"].size() == 3);
  CHECK(graph["nodes"][1]["op"] == "call_function");
  CHECK(graph["nodes"][1]["target"] == "add");
  CHECK(graph["nodes"][1]["line"] == 5);
  CHECK(graph["nodes"][1]["name"] == "add");
  CHECK(graph["nodes"][0]["line"].is_null());
  CHECK(file["caught_errors"].empty());
  auto diagnostic = file["diagnostics"][0];
  CHECK(diagnostic["severity"] == "warning");
  CHECK(diagnostic["line"] == 3);
  CHECK(diagnostic["message"] == "gbc cannot model x");
  CHECK(diagnostic["file"] == "/abs/seed_05.py");
  CHECK(file["analysed_to_end"] == true);
  CHECK(file["stopped"].is_null());
}

TEST_CASE("a file not analysed to the end says why, and the summary counts it", "[report][json]") {
  Report report = seedReport();
  report.files.front().stopped = Stop{Stop::Reason::CannotModel, "/abs/seed_05.py", 3, "`x`"};
  auto json = toJson(report, kTarget2_14);
  auto file = json["files"][0];
  CHECK(file["analysed_to_end"] == false);
  CHECK(file["stopped"]["reason"] == "cannot_model");
  CHECK(file["stopped"]["line"] == 3);
  CHECK(file["stopped"]["message"] == "`x`");
  CHECK(json["summary"]["files_not_analysed_to_end"] == 1);
}

}  // namespace
}  // namespace gbc::report
