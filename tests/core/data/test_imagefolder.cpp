// Scanning image folders: order, labels from folders and labels files, corrupt files, limits and errors.

#include "imagefixtures.h"

#include "data/imagefolder.h"
#include "fixtures/modelbuilder.h"
#include "runtime/npy.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

using namespace qs;
using namespace qs::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

void makeFolder(const TempDir& dir, const std::string& relative) {
    fs::create_directories(dir.file(relative));
}

void writeGray(const TempDir& dir, const std::string& relative) {
    writeImage(dir.file(relative), gradientGray(4, 4));
}

std::vector<std::string> relativePaths(const ImageFolderScan& scan) {
    std::vector<std::string> paths;
    for (const auto& item : scan.items)
        paths.push_back(item.relativePath);
    return paths;
}

// A folder with three class folders (created out of order), a root image, hidden and foreign files.
void makeClassFolders(const TempDir& dir) {
    for (const char* folder : {"c", "a", "b", "a/sub", ".cache"})
        makeFolder(dir, folder);
    writeGray(dir, "c/1.png");
    writeGray(dir, "a/B.PNG");
    writeGray(dir, "a/a.jpg");
    writeGray(dir, "a/sub/deep.bmp");
    writeGray(dir, "b/x.tiff");
    writeGray(dir, "root.png");
    writeGray(dir, ".cache/hidden.png");
    writeGray(dir, "b/.hidden.png");
    dir.writeFile("notes.txt", "not an image");
}

} // namespace

TEST_CASE("The demo evaluation folder has 1000 labelled images in order", "[data][imagefolder]") {
    const ImageFolderScan scan = scanImageFolder(demoDir() + "/eval");
    REQUIRE(scan.items.size() == 1000);
    CHECK(scan.skipped.empty());
    REQUIRE(scan.classNames.size() == 10);
    CHECK(scan.classNames[0] == "0_T-shirt_top");
    CHECK(scan.classNames[9] == "9_Ankle_boot");
    CHECK(scan.items.front().relativePath == "0_T-shirt_top/test_00019.png");
    std::map<int, int> perClass;
    for (size_t i = 0; i < scan.items.size(); ++i) {
        const DatasetItem& item = scan.items[i];
        CHECK(item.kind == SampleKind::Image);
        CHECK(item.label == item.relativePath[0] - '0');
        ++perClass[item.label];
        if (i > 0)
            CHECK(scan.items[i - 1].relativePath < item.relativePath);
    }
    for (int c = 0; c < 10; ++c)
        CHECK(perClass[c] == 100);

    // The demo's labels.txt lists the folders in index order, so naming it explicitly changes nothing.
    ImageFolderOptions options;
    options.labelsFile = demoDir() + "/labels.txt";
    const ImageFolderScan named = scanImageFolder(demoDir() + "/eval", options);
    CHECK(named.classNames == scan.classNames);
    CHECK(named.items.back().label == 9);
}

TEST_CASE("The demo calibration folder is unlabelled", "[data][imagefolder]") {
    const ImageFolderScan scan = scanImageFolder(demoDir() + "/calib");
    CHECK(scan.items.size() == 256);
    CHECK_FALSE(scan.isLabelled());
    CHECK(scan.items[0].label == -1);
    CHECK(scan.items[255].relativePath == "calib_0255.png");
}

TEST_CASE("Labels come from sorted class folders; hidden and foreign files are ignored",
          "[data][imagefolder]") {
    TempDir dir;
    makeClassFolders(dir);
    const ImageFolderScan scan = scanImageFolder(dir.path());
    CHECK(scan.classNames == std::vector<std::string>{"a", "b", "c"});
    CHECK(relativePaths(scan) ==
          std::vector<std::string>{"a/B.PNG", "a/a.jpg", "a/sub/deep.bmp", "b/x.tiff", "c/1.png",
                                   "root.png"});
    std::vector<int> labels;
    for (const auto& item : scan.items)
        labels.push_back(item.label);
    CHECK(labels == std::vector<int>{0, 0, 0, 1, 2, -1});
    CHECK(scan.skipped.empty());
    CHECK(scan.items[0].path == dir.path() + "/a/B.PNG");
}

TEST_CASE("A labels file maps folder names to class indices", "[data][imagefolder]") {
    TempDir dir;
    makeClassFolders(dir);
    dir.writeFile("labels.txt", "c\r\nb\n  a  \nd\n\n");
    const ImageFolderScan scan = scanImageFolder(dir.path());
    CHECK(scan.classNames == std::vector<std::string>{"c", "b", "a", "d"});
    CHECK(scan.items[0].label == 2); // a/B.PNG
    CHECK(scan.items[3].label == 1); // b/x.tiff
    CHECK(scan.items[4].label == 0); // c/1.png

    dir.writeFile("classes.txt", "b\na\n");
    ImageFolderOptions options;
    options.labelsFile = "classes.txt";
    CHECK_THROWS_WITH(scanImageFolder(dir.path(), options),
                      Contains("'c'") && Contains("classes.txt") && Contains(dir.path()));

    dir.writeFile("classes.txt", "a\n\nb\nc\n");
    CHECK_THROWS_WITH(scanImageFolder(dir.path(), options), Contains("line 2 is empty"));
    dir.writeFile("classes.txt", "a\nb\na\nc\n");
    CHECK_THROWS_WITH(scanImageFolder(dir.path(), options), Contains("'a' is listed twice"));
    options.labelsFile = "nowhere.txt";
    CHECK_THROWS_WITH(scanImageFolder(dir.path(), options), Contains("nowhere.txt"));
}

TEST_CASE("Unreadable files are skipped and listed, never fatal while some are readable",
          "[data][imagefolder]") {
    TempDir dir;
    writeGray(dir, "good1.png");
    writeGray(dir, "good2.jpeg");
    dir.writeFile("noise.png", "\x01\x02\x03 random bytes that are no image at all");
    dir.writeFile("empty.jpg", "");
    dir.writeFile("fake.npy", "not numpy");
    writeNpy(dir.file("tensor.npy"), RuntimeTensor::fromFloats({1, 4, 4}, std::vector<float>(16, 0.5f)));
    const ImageFolderScan scan = scanImageFolder(dir.path());
    CHECK(relativePaths(scan) == std::vector<std::string>{"good1.png", "good2.jpeg", "tensor.npy"});
    CHECK(scan.items[2].kind == SampleKind::Npy);
    REQUIRE(scan.skipped.size() == 3);
    CHECK(scan.skipped[0].path == dir.file("empty.jpg"));
    CHECK_THAT(scan.skipped[0].reason, Contains("empty"));
    CHECK(scan.skipped[1].path == dir.file("fake.npy"));
    CHECK(scan.skipped[2].path == dir.file("noise.png"));
}

TEST_CASE("Folders without any readable image are errors naming the folder", "[data][imagefolder]") {
    TempDir dir;
    CHECK_THROWS_WITH(scanImageFolder(dir.file("absent")), Contains("absent") && Contains("does not exist"));
    const std::string file = dir.writeFile("file.png", "x");
    CHECK_THROWS_WITH(scanImageFolder(file), Contains("file.png") && Contains("not a folder"));
    makeFolder(dir, "empty");
    CHECK_THROWS_WITH(scanImageFolder(dir.file("empty")),
                      Contains("empty") && Contains("contains no images"));
    makeFolder(dir, "broken");
    dir.writeFile("broken/a.png", "garbage");
    dir.writeFile("broken/b.jpg", "");
    CHECK_THROWS_WITH(scanImageFolder(dir.file("broken")),
                      Contains(dir.file("broken")) && Contains("none of its 2 image files is readable"));
}

TEST_CASE("max_images subsamples deterministically", "[data][imagefolder]") {
    const std::string eval = demoDir() + "/eval";
    ImageFolderOptions options;
    options.maxImages = 10;
    const ImageFolderScan even = scanImageFolder(eval, options);
    REQUIRE(even.items.size() == 10);
    CHECK(even.foundCount == 1000);
    for (int c = 0; c < 10; ++c)
        CHECK(even.items[c].label == c); // every 100th image: one per class

    options.subsample = SubsampleMode::Seeded;
    options.seed = 7;
    const ImageFolderScan seeded = scanImageFolder(eval, options);
    const ImageFolderScan again = scanImageFolder(eval, options);
    REQUIRE(seeded.items.size() == 10);
    CHECK(relativePaths(seeded) == relativePaths(again));
    for (size_t i = 1; i < seeded.items.size(); ++i)
        CHECK(seeded.items[i - 1].relativePath < seeded.items[i].relativePath);
    options.seed = 8;
    CHECK(relativePaths(scanImageFolder(eval, options)) != relativePaths(seeded));

    options.maxImages = 5000;
    CHECK(scanImageFolder(eval, options).items.size() == 1000);
}

TEST_CASE("Scanning can be cancelled", "[data][imagefolder]") {
    int calls = 0;
    const ProgressCallback progress = [&calls](double, const std::string&) { return ++calls < 2; };
    CHECK_THROWS_AS(scanImageFolder(demoDir() + "/eval", {}, progress), Cancelled);
    CHECK(calls == 2);
}

TEST_CASE("Dataset file names are recognised case-insensitively", "[data][imagefolder]") {
    CHECK(isDatasetFileName("a.JPEG"));
    CHECK(isDatasetFileName("b.WebP"));
    CHECK(isDatasetFileName("c.pgm"));
    CHECK(isDatasetFileName("d.npy"));
    CHECK_FALSE(isDatasetFileName("e.gif"));
    CHECK_FALSE(isDatasetFileName("png"));
    CHECK_FALSE(isDatasetFileName("labels.txt"));
}
