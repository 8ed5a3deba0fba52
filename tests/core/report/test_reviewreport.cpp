// The review report: a self-contained HTML page (no external reference, every text escaped, one inline SVG
// per chart), the companion PDF and JSON written atomically beside it, and the JSON read back as a run.

#include "report/reviewreport.h"

#include "fixtures/modelbuilder.h"
#include "reportfixtures.h"
#include "util/sha256.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

using namespace qs;
namespace fs = std::filesystem;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

size_t countOf(const std::string& text, const std::string& what) {
    size_t count = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++count;
    return count;
}

std::string lower(std::string text) {
    for (char& c : text)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

} // namespace

TEST_CASE("The review HTML references nothing outside itself", "[report]") {
    const std::string html = lower(reviewReportHtml(qs::test::sampleReviewReport()));
    CHECK(html.find("http:") == std::string::npos);
    CHECK(html.find("https:") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("@font-face") == std::string::npos);
    // url( only for the SVG clip paths' own fragment ids (none are used by the report's charts).
    const std::regex url(R"(url\(\s*([^)]*)\))");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it)
        CHECK((*it)[1].str().rfind("#", 0) == 0);
    const std::regex source(R"re((src|href)\s*=\s*"([^"]*)")re");
    size_t images = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), source); it != std::sregex_iterator();
         ++it) {
        INFO((*it)[0].str().substr(0, 60));
        CHECK((*it)[2].str().rfind("data:image/jpeg;base64,", 0) == 0);
        ++images;
    }
    CHECK(images == 1); // the flipped image's thumbnail
}

TEST_CASE("The review HTML has an inline SVG per chart and every section", "[report]") {
    ReviewReport report = qs::test::sampleReviewReport();
    std::string html = reviewReportHtml(report);
    CHECK(countOf(html, "<svg ") == 3); // accuracy, per-layer error, size against accuracy
    CHECK(countOf(html, "</svg>") == 3);
    for (const char* section : {"Summary", "Strategy", "Data", "Per-layer error", "Diagnoses",
                                "Images whose class flipped", "Size and accuracy of the strategies tried"})
        CHECK(html.find(std::string(">") + section + "<") != std::string::npos);
    CHECK(html.find("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") != std::string::npos);
    CHECK(html.find("3 Dress") != std::string::npos);
    CHECK(html.find("6 Shirt (55.0 %)") != std::string::npos);
    CHECK(html.find("calib/broken.png") != std::string::npos);
    CHECK(html.find("-2.00 pt") != std::string::npos);

    report.strategies.clear();
    report.accuracy.reset();
    for (ReviewLayer& layer : report.layers)
        layer.cumulativeSqnrDb = layer.isolatedSqnrDb = NAN;
    html = reviewReportHtml(report);
    CHECK(countOf(html, "<svg ") == 0);
    CHECK(html.find("not evaluated") != std::string::npos);
}

TEST_CASE("The review HTML escapes names with markup, quotes and bytes that are not UTF-8", "[report]") {
    const std::string html = reviewReportHtml(qs::test::sampleReviewReport());
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;evil\\xff") != std::string::npos);
    CHECK(html.find('\xff') == std::string::npos);
    // The chart's label is escaped too (inside the SVG).
    const size_t svg = html.find("<g class=\"layer-labels\">");
    REQUIRE(svg != std::string::npos);
    CHECK(html.find("&lt;script&gt;", svg) < html.find("</g>", svg));
}

TEST_CASE("writeReviewReport writes the HTML, the PDF and the JSON beside it", "[report]") {
    qs::test::TempDir dir;
    const ReviewReport report = qs::test::sampleReviewReport();
    const std::string html = dir.file("review.html");
    writeReviewReport(report, html);
    CHECK(readFile(html) == reviewReportHtml(report));
    CHECK(readFile(dir.file("review.pdf")).rfind("%PDF-1.4", 0) == 0);
    const nlohmann::json json = nlohmann::json::parse(readFile(dir.file("review.json")));
    CHECK(json["format"] == "quantscope-review");
    CHECK(json["layers"].size() == report.layers.size());
    CHECK(json["accuracy"]["quant"].get<double>() == Approx(0.89));
    for (const auto& entry : fs::directory_iterator(fs::path(html).parent_path()))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);

    CHECK(reportCompanionPath("a/b.html", ".pdf") == "a/b.pdf");
    CHECK(reportCompanionPath("a/b", ".json") == "a/b.json");
    CHECK_THROWS_WITH(writeReviewReport(report, dir.file("review.pdf")), Catch::Contains("review.pdf"));
    CHECK_THROWS_WITH(writeReviewReport(report, dir.file("missing/review.html")), Catch::Contains("missing"));
}

TEST_CASE("The report JSON reads back as the same run", "[report][reportdiff]") {
    const ReviewReport report = qs::test::sampleReviewReport();
    const RunRecord parsed =
        runRecordFromJson(nlohmann::ordered_json::parse(reviewReportJson(report).dump()), "review.json");
    const RunRecord direct = runRecordOf(report, "review.json");
    REQUIRE(parsed.layers.size() == direct.layers.size());
    CHECK(*parsed.quantTop1 == Approx(*direct.quantTop1));
    CHECK(parsed.quantSizeBytes == direct.quantSizeBytes);
    for (size_t i = 0; i < parsed.layers.size(); ++i) {
        CHECK(parsed.layers[i].name == direct.layers[i].name);
        CHECK(parsed.layers[i].bits == direct.layers[i].bits);
        CHECK(parsed.layers[i].rangeMethod == direct.layers[i].rangeMethod);
        CHECK(parsed.layers[i].keptFloat == direct.layers[i].keptFloat);
        CHECK(std::isnan(parsed.layers[i].cumulativeSqnrDb) == std::isnan(direct.layers[i].cumulativeSqnrDb));
    }
    CHECK(diffRuns(parsed, direct).layers.empty());
}

TEST_CASE("The report's SHA-256 matches the published test vectors", "[report][sha256]") {
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("utcTimestamp is ISO 8601 in UTC", "[report]") {
    CHECK(std::regex_match(utcTimestamp(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
}
