// Comparing two runs: strategy and error changes per layer, largest error change first, summary deltas,
// and clear errors for files that are not runs.

#include "report/reportdiff.h"

#include "fixtures/modelbuilder.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qs;
using Catch::Contains;

namespace {

RunLayerRecord layer(const std::string& name, int bits, double sqnrDb, const std::string& range = "mse") {
    RunLayerRecord record;
    record.name = name;
    record.opType = "Conv";
    record.scheme = "uniform";
    record.bits = bits;
    record.granularity = "per_channel";
    record.rangeMethod = range;
    record.cumulativeSqnrDb = sqnrDb;
    return record;
}

} // namespace

TEST_CASE("diffRuns lists changed layers, the largest error change first", "[reportdiff]") {
    RunRecord before;
    before.source = "a.json";
    before.quantTop1 = 0.90;
    before.agreementTop1 = 0.97;
    before.quantSizeBytes = 50000;
    before.layers = {layer("conv1", 8, 35.0), layer("conv2", 8, 30.0), layer("conv3", 8, 28.0),
                     layer("gone", 8, 20.0)};
    RunRecord after = before;
    after.source = "b.json";
    after.quantTop1 = 0.85;
    after.quantSizeBytes = 40000;
    after.layers = {layer("conv1", 8, 35.01), layer("conv2", 4, 18.0),
                    layer("conv3", 8, 25.0, "percentile 99.99"), layer("new", 8, 30.0)};
    const ReportDiff diff = diffRuns(before, after);
    REQUIRE(diff.layers.size() == 4);
    CHECK(diff.unchangedLayerCount == 1); // conv1 moved less than 0.05 dB
    CHECK(diff.layers[0].name == "conv2");
    CHECK(diff.layers[0].cumulativeDeltaDb == Approx(-12.0));
    CHECK(diff.layers[0].strategyChanges == std::vector<std::string>{"bits 8 -> 4"});
    CHECK(diff.layers[1].name == "conv3");
    CHECK(diff.layers[1].strategyChanges == std::vector<std::string>{"range mse -> percentile 99.99"});
    CHECK(diff.layers[2].onlyInBefore != diff.layers[3].onlyInBefore);
    CHECK(*diff.quantTop1Delta == Approx(-0.05));
    CHECK(diff.quantSizeDeltaBytes == -10000);

    const std::string text = reportDiffText(diff);
    CHECK(text.find("conv2: bits 8 -> 4; cumulative SQNR 30.0 -> 18.0 dB (-12.0)") != std::string::npos);
    CHECK(text.find("-5.00 pt") != std::string::npos);
    CHECK(text.find("conv1") == std::string::npos);
    const nlohmann::ordered_json json = reportDiffJson(diff);
    CHECK(json["layers"][0]["name"] == "conv2");
    CHECK(json["layers"][0]["sqnr_delta_db"].get<double>() == Approx(-12.0));
    CHECK(json["quant_size_bytes"]["delta"] == -10000);
}

TEST_CASE("diffRuns notices a layer kept float", "[reportdiff]") {
    RunRecord before;
    before.layers = {layer("conv1", 8, 20.0)};
    RunRecord after = before;
    after.layers[0].keptFloat = true;
    after.layers[0].scheme = "float";
    after.layers[0].bits = 32;
    after.layers[0].cumulativeSqnrDb = NAN;
    const ReportDiff diff = diffRuns(before, after);
    REQUIRE(diff.layers.size() == 1);
    CHECK(diff.layers[0].strategyChanges.front() == "now kept float");
    CHECK(std::isnan(diff.layers[0].cumulativeDeltaDb));
}

TEST_CASE("The quantize --json summary is read as a run", "[reportdiff]") {
    const auto json = nlohmann::ordered_json::parse(R"({"model": "m.onnx", "quant_size_bytes": 123,
        "accuracy": {"float": 0.9, "quant": 0.8}, "agreement_top1": 0.95,
        "layers": [{"name": "c", "op_type": "Conv", "scheme": "uniform", "bits": 8, "granularity": "per_channel",
                    "sqnr_db": 31.5, "sensitivity": 0.85}]})");
    const RunRecord record = runRecordFromJson(json, "summary.json");
    CHECK(record.model == "m.onnx");
    CHECK(record.quantSizeBytes == 123);
    CHECK(*record.quantTop1 == Approx(0.8));
    REQUIRE(record.layers.size() == 1);
    CHECK(record.layers[0].cumulativeSqnrDb == Approx(31.5));
    CHECK(std::isnan(record.layers[0].isolatedSqnrDb));
}

TEST_CASE("Files that are not runs are refused with their name", "[reportdiff]") {
    qs::test::TempDir dir;
    CHECK_THROWS_WITH(loadRunRecord(dir.file("missing.json")), Contains("missing.json"));
    CHECK_THROWS_WITH(loadRunRecord(dir.writeFile("broken.json", "{\"layers\": [")),
                      Contains("broken.json") && Contains("not valid JSON"));
    CHECK_THROWS_WITH(loadRunRecord(dir.writeFile("other.json", "{\"a\": 1}")),
                      Contains("other.json") && Contains("layers"));
    CHECK_THROWS_WITH(loadRunRecord(dir.writeFile("bad.json", "{\"layers\": [{\"bits\": 8}]}")),
                      Contains("bad.json: layers[0].name"));
    CHECK_THROWS_WITH(loadRunRecord(dir.writeFile("array.json", "[1]")), Contains("array.json"));
}
