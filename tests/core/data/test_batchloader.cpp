// The batch loader: every item exactly once and in order, labels, skipped files, shape errors and cancelling.

#include "imagefixtures.h"

#include "data/batchloader.h"
#include "fixtures/modelbuilder.h"
#include "runtime/npy.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;

namespace {} // namespace

TEST_CASE("The loader yields every demo image once, in order, with its label", "[data][batchloader]") {
    const ImageFolderScan scan = scanImageFolder(demoDir() + "/eval");
    std::vector<double> fractions;
    BatchLoader loader(scan, demoPreprocess(), 64, [&fractions](double fraction, const std::string&) {
        fractions.push_back(fraction);
        return true;
    });
    CHECK(loader.itemCount() == 1000);
    Batch batch;
    size_t next = 0;
    size_t batches = 0;
    while (loader.next(batch)) {
        ++batches;
        const int64_t n = static_cast<int64_t>(batch.size());
        REQUIRE(batch.tensor.dims() == std::vector<int64_t>{n, 1, 28, 28});
        CHECK(n == (batches < 16 ? 64 : 1000 - 15 * 64));
        for (size_t i = 0; i < batch.size(); ++i, ++next) {
            CHECK(batch.itemIndices[i] == next);
            CHECK(batch.paths[i] == scan.items[next].path);
            CHECK(batch.labels[i] == scan.items[next].label);
        }
    }
    CHECK(next == 1000);
    CHECK(batches == 16);
    CHECK(loader.deliveredCount() == 1000);
    CHECK(loader.skipped().empty());
    CHECK_FALSE(loader.next(batch));
    REQUIRE_FALSE(fractions.empty());
    CHECK(fractions.back() == Approx(1.0));
    for (size_t i = 1; i < fractions.size(); ++i)
        CHECK(fractions[i - 1] <= fractions[i]);
}

TEST_CASE("A batch holds the same values as preprocessing each file", "[data][batchloader]") {
    const ImageFolderScan scan = scanImageFolder(demoDir() + "/calib");
    BatchLoader loader(scan, demoPreprocess(), 3);
    Batch batch;
    REQUIRE(loader.next(batch));
    const RuntimeTensor second = preprocessImageFile(scan.items[1].path, demoPreprocess());
    const float* batched = batch.tensor.data<float>() + 28 * 28;
    for (int64_t i = 0; i < second.elementCount(); ++i)
        REQUIRE(batched[i] == second.data<float>()[i]);
}

TEST_CASE("Files that fail to decode are skipped and counted", "[data][batchloader]") {
    TempDir dir;
    writeImage(dir.file("a.png"), gradientGray(4, 4));
    dir.writeFile("b.png", truncatedPngBytes());
    writeImage(dir.file("c.png"), gradientGray(4, 4));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    REQUIRE(scan.items.size() == 3); // the truncated file's header looks fine
    PreprocessConfig config;
    config.color = ColorOrder::Gray;
    BatchLoader loader(scan, config, 2);
    Batch batch;
    REQUIRE(loader.next(batch));
    CHECK(batch.paths == std::vector<std::string>{dir.file("a.png"), dir.file("c.png")});
    CHECK(batch.itemIndices == std::vector<size_t>{0, 2});
    CHECK(batch.tensor.data<float>()[5] == 11.0f);
    CHECK_FALSE(loader.next(batch));
    const auto skipped = loader.skipped();
    REQUIRE(skipped.size() == 1);
    CHECK(skipped[0].path == dir.file("b.png"));
}

TEST_CASE("When no file decodes the loader fails naming the folder", "[data][batchloader]") {
    TempDir dir;
    dir.writeFile("a.png", truncatedPngBytes(40));
    dir.writeFile("b.png", truncatedPngBytes(24));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    BatchLoader loader(scan, PreprocessConfig(), 4);
    Batch batch;
    CHECK_THROWS_WITH(loader.next(batch),
                      Contains(dir.path()) && Contains("none of its 2 files could be read"));
    CHECK(loader.skipped().size() == 2);
    CHECK_FALSE(loader.next(batch));
}

TEST_CASE("Images of different sizes need a resize", "[data][batchloader]") {
    TempDir dir;
    writeImage(dir.file("a.png"), gradientGray(4, 4));
    writeImage(dir.file("b.png"), gradientGray(5, 3));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    PreprocessConfig config;
    config.color = ColorOrder::Gray;
    {
        BatchLoader loader(scan, config, 8);
        Batch batch;
        CHECK_THROWS_WITH(loader.next(batch), Contains("b.png") && Contains("[1,5,3]") && Contains("resize"));
    }
    config.resize = {2, 2};
    BatchLoader resized(scan, config, 8);
    Batch batch;
    REQUIRE(resized.next(batch));
    CHECK(batch.tensor.dims() == std::vector<int64_t>{2, 1, 2, 2});
}

TEST_CASE("NumPy tensors are loaded as they are", "[data][batchloader]") {
    TempDir dir;
    writeNpy(dir.file("x0.npy"), RuntimeTensor::fromFloats({2, 3}, {1, 2, 3, 4, 5, 6}));
    writeNpy(dir.file("x1.npy"), RuntimeTensor::fromInt64s({2, 3}, {7, 8, 9, 10, 11, 12}));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    BatchLoader loader(scan, PreprocessConfig(), 2);
    Batch batch;
    REQUIRE(loader.next(batch));
    REQUIRE(batch.tensor.dims() == std::vector<int64_t>{2, 2, 3});
    CHECK(batch.tensor.data<float>()[0] == 1.0f);
    CHECK(batch.tensor.data<float>()[11] == 12.0f);
}

TEST_CASE("A sample holding NaN or infinity is skipped with the reason", "[data][batchloader]") {
    TempDir dir;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    writeNpy(dir.file("a.npy"), RuntimeTensor::fromFloats({2}, {1, 2}));
    writeNpy(dir.file("b.npy"), RuntimeTensor::fromFloats({2}, {1, nan}));
    writeNpy(dir.file("c.npy"), RuntimeTensor::fromFloats({2}, {inf, 2}));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    BatchLoader loader(scan, PreprocessConfig(), 4);
    Batch batch;
    REQUIRE(loader.next(batch));
    CHECK(batch.size() == 1);
    REQUIRE(loader.skipped().size() == 2);
    CHECK_THAT(loader.skipped()[0].reason, Catch::Contains("NaN") && Catch::Contains("element 1"));
    CHECK_THAT(loader.skipped()[1].reason, Catch::Contains("infinite"));
}

TEST_CASE("The loader can be cancelled and abandoned early", "[data][batchloader]") {
    const ImageFolderScan scan = scanImageFolder(demoDir() + "/eval");
    int calls = 0;
    BatchLoader loader(scan, demoPreprocess(), 10,
                       [&calls](double, const std::string&) { return ++calls < 3; });
    Batch batch;
    CHECK(loader.next(batch));
    CHECK(loader.next(batch));
    CHECK_THROWS_AS(loader.next(batch), Cancelled);
    CHECK(loader.deliveredCount() == 20);
    CHECK_FALSE(loader.next(batch));

    // Destroyed while the worker waits for room in its queue.
    BatchLoader abandoned(scan, demoPreprocess(), 1);
    REQUIRE(abandoned.next(batch));
    CHECK(batch.itemIndices == std::vector<size_t>{0});
}

TEST_CASE("Loader arguments are checked", "[data][batchloader]") {
    const ImageFolderScan scan = scanImageFolder(demoDir() + "/calib");
    CHECK_THROWS_WITH(BatchLoader(scan, demoPreprocess(), 0), Contains("Batch size"));
    PreprocessConfig bad = demoPreprocess();
    bad.mean = {0.1f, 0.2f};
    CHECK_THROWS_WITH(BatchLoader(scan, bad, 4), Contains("preprocess.mean"));
}
