// Tests of the CI and editor surface: findings, suppressions, SARIF, GitHub annotations,
// baselines, explain and LSP diagnostics, from hand-built report values.
#include "report/baseline.h"
#include "report/explain.h"
#include "report/findings.h"
#include "report/github.h"
#include "report/lsp.h"
#include "report/sarif.h"
#include "report/suppress.h"
#include "report/test_fixtures.h"

#include <catch2/catch.hpp>

namespace gbc::report {
namespace {

using namespace testing;

/// seed_05 as /abs/seed_05.py: one break (line 6) and one error (innermost line 6).
FileReport seed05(const std::string& source = kSeed05) {
  FileReport file = fileWith(source);
  file.path = "/abs/seed_05.py";
  file.sources["/abs/seed_05.py"] = file.sources["<case>"];
  GraphBreak brk = seed02Break(215, true);
  brk.location.file = "/abs/seed_05.py";
  file.graph_breaks.push_back(brk);
  GraphBreak duplicate = brk;
  duplicate.duplicate = true;
  file.graph_breaks.push_back(duplicate);
  UnsupportedError error = seed05Error(215);
  error.user_stack.back().file = "/abs/seed_05.py";
  file.errors.push_back(error);
  return file;
}

std::string withLine6(const std::string& comment) {
  std::string source = kSeed05;
  std::size_t line6 = 0;
  for (int n = 1; n < 6; ++n) line6 = source.find('\n', line6) + 1;
  std::size_t end = source.find('\n', line6);
  return source.substr(0, line6) + "    torch._dynamo.graph_break()  " + comment +
         source.substr(end);
}

TEST_CASE("findings are the non-duplicate breaks and the errors, located and coded",
          "[report][findings]") {
  std::vector<Finding> findings = collectFindings(seed05(), registryFor(kTarget2_14));
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].kind == FindingKind::Break);
  CHECK(findings[0].gb_code == "GB0025");
  CHECK(findings[0].line == 6);
  CHECK(findings[0].column == 5);
  CHECK(findings[0].source_line == "torch._dynamo.graph_break()  # error");
  CHECK(findings[1].isError());
  CHECK(failsOn(findings[1], FailOn::Error));
  CHECK_FALSE(failsOn(findings[0], FailOn::Error));
  CHECK(failsOn(findings[0], FailOn::Break));
  CHECK_FALSE(failsOn(findings[1], FailOn::Never));
}

TEST_CASE("columns convert from bytes to code points and UTF-16 units", "[report][findings]") {
  CHECK(convertColumn("x = 1", 5, false) == 5);
  CHECK(convertColumn("é = f()", 6, false) == 5);  // é is two bytes, one code point
  CHECK(convertColumn("😀 = f()", 8, true) == 6);   // four bytes, two UTF-16 units
  CHECK(stableHash("abc") == stableHash("abc"));
  CHECK(stableHash("abc") != stableHash("abd"));
}

TEST_CASE("suppression comments are parsed with and without codes", "[report][suppress]") {
  std::vector<Suppression> found = parseSuppressions(
      "x = 1  # gbc: ignore[GB0025, gb0170] -- fine\ny = '# gbc: ignore'\nz()  # gbc: ignore\n"
      "w()  # gbc: ignored\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 1);
  CHECK(found[0].codes == std::vector<std::string>{"GB0025", "GB0170"});
  CHECK(found[0].text == "gbc: ignore[GB0025, gb0170]");
  CHECK(found[1].line == 3);
  CHECK(found[1].codes.empty());
}

TEST_CASE("a matching comment suppresses the break and its duplicates", "[report][suppress]") {
  FileReport file = seed05(withLine6("# gbc: ignore[GB0025]"));
  applySuppressions(file, registryFor(kTarget2_14), {});
  CHECK(file.graph_breaks[0].suppressed);
  CHECK(file.graph_breaks[1].suppressed);
  CHECK(file.errors[0].suppressed);  // the error's innermost frame is the same line
  CHECK(file.diagnostics.empty());
  CHECK(withoutInactive(file).graph_breaks.empty());

  SECTION("a comment for another code suppresses nothing and is reported unused") {
    FileReport other = seed05(withLine6("# gbc: ignore[GB0170]"));
    applySuppressions(other, registryFor(kTarget2_14), {});
    CHECK_FALSE(other.graph_breaks[0].suppressed);
    REQUIRE(other.diagnostics.size() == 1);
    CHECK(other.diagnostics[0].line == 6);
    CHECK(other.diagnostics[0].message.find("unused suppression 'gbc: ignore[GB0170]'") == 0);
  }
  SECTION("the config's ignore list suppresses by code") {
    FileReport ignored = seed05();
    applySuppressions(ignored, registryFor(kTarget2_14), {"GB0025"});
    CHECK(ignored.graph_breaks[0].suppressed);
    CHECK(ignored.errors[0].suppressed);
  }
}

TEST_CASE("SARIF has one rule per code and located results", "[report][sarif]") {
  Report report;
  report.files.push_back(seed05());
  nlohmann::ordered_json sarif = toSarif(report, kTarget2_14, "/abs");
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  REQUIRE(run["tool"]["driver"]["rules"].size() == 1);
  const auto& rule = run["tool"]["driver"]["rules"][0];
  CHECK(rule["id"] == "GB0025");
  CHECK(rule["name"] == "Call to `torch._dynamo.graph_break()`");
  CHECK(rule["helpUri"] ==
        "https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0025.html");
  REQUIRE(run["results"].size() == 2);
  const auto& result = run["results"][0];
  CHECK(result["ruleId"] == "GB0025");
  CHECK(result["level"] == "warning");
  CHECK(run["results"][1]["level"] == "error");
  const auto& location = result["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "seed_05.py");
  CHECK(location["region"]["startLine"] == 6);
  CHECK(location["region"]["startColumn"] == 5);
  CHECK(location["region"]["endColumn"] == 32);

  SECTION("fingerprints survive a line shift") {
    Report shifted;
    FileReport file = seed05("\n\n" + std::string(kSeed05));
    file.graph_breaks[0].location.line += 2;
    file.graph_breaks[1].location.line += 2;
    file.errors[0].user_stack.back().line += 2;
    shifted.files.push_back(file);
    nlohmann::ordered_json moved = toSarif(shifted, kTarget2_14, "/abs");
    CHECK(moved["runs"][0]["results"][0]["partialFingerprints"] == result["partialFingerprints"]);
    CHECK(
        moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] ==
        8);
  }
}

TEST_CASE("GitHub annotations escape their properties and end with the summary",
          "[report][github]") {
  CHECK(escapeGithubProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A");
  CHECK(escapeGithubData("a:b\n") == "a:b%0A");
  Report report;
  report.files.push_back(seed05());
  std::string out = renderGithub(report, kTarget2_14, "/abs");
  CHECK(out.find("::warning file=seed_05.py,line=6,endLine=6,col=5,endColumn=32,title=GB0025::"
                 "Call to `torch._dynamo.graph_break()`: User-inserted graph break.") == 0);
  CHECK(out.find("\n::error file=seed_05.py,line=6,") != std::string::npos);
  CHECK(out.find("gbc: 2 graph breaks (1 unique), 1 error, 0 graphs in 1 file\n") !=
        std::string::npos);
}

TEST_CASE("a baseline keys findings by text, not line, and accepts them", "[report][baseline]") {
  Report report;
  report.files.push_back(seed05());
  Baseline baseline = makeBaseline(report, kTarget2_14, "/abs");
  REQUIRE(baseline.size() == 2);
  std::string text = baselineJson(baseline).dump();
  CHECK(text.find("\"line\"") == std::string::npos);
  Result<Baseline> parsed = parseBaseline(text);
  REQUIRE(parsed);
  CHECK(*parsed == baseline);
  CHECK(applyBaseline(report, *parsed, kTarget2_14, "/abs") == 2);
  CHECK(report.files[0].graph_breaks[1].baselined);  // the duplicate follows its break
  CHECK_FALSE(parseBaseline("[]"));
  CHECK_FALSE(parseBaseline("{\"findings\": []}"));
}

TEST_CASE("explain prints ExplainOutput's sections", "[report][explain]") {
  FileReport file = seed05();
  std::string out = renderExplain(file, kTarget2_14);
  CHECK(out.find("Graph Count: 0\nGraph Break Count: 2\nOp Count: 0\nBreak Reasons:\n"
                 "  Break Reason 1:\n    Reason: Call to `torch._dynamo.graph_break()`\n") == 0);
  CHECK(out.find("    User Stack:\n      <FrameSummary file <case>, line 19 in <module>>\n") !=
        std::string::npos);
  CHECK(out.find("Ops per Graph:\n") != std::string::npos);
}

TEST_CASE("LSP diagnostics are 0-based with code, href and related stack", "[report][lsp]") {
  nlohmann::json diagnostics = lspDiagnostics(seed05(), kTarget2_14);
  REQUIRE(diagnostics.size() == 2);
  const nlohmann::json& d = diagnostics[0];
  CHECK(d["range"]["start"] == nlohmann::json({{"line", 5}, {"character", 4}}));
  CHECK(d["range"]["end"] == nlohmann::json({{"line", 5}, {"character", 31}}));
  CHECK(d["severity"] == 2);
  CHECK(d["code"] == "GB0025");
  CHECK(d["codeDescription"]["href"] ==
        "https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0025.html");
  CHECK(d["relatedInformation"].size() == 5);
  CHECK(diagnostics[1]["severity"] == 1);
  CHECK(pathFromUri("file:///a%20b.py") == "/a b.py");
  CHECK(uriFromPath("/a b.py") == "file:///a%20b.py");
}

}  // namespace
}  // namespace gbc::report
