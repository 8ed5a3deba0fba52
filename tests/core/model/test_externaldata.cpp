#include "model/onnxloader.h"

#include "fixtures/modelbuilderproto.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>

using namespace qs;
using qs::test::ModelBuilder;

namespace {

std::string floatBytes(const std::vector<float>& values) {
    std::string bytes(values.size() * sizeof(float), '\0');
    std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
}

/// A model whose weight "w" [2, 3] lives in `location` at `offset`.
ModelBuilder& externalModel(ModelBuilder& b, const std::string& location, int64_t offset = 0,
                            int64_t length = -1) {
    b.input("x", DataType::Float, {2, 3});
    b.externalInitializer("w", DataType::Float, {2, 3}, location, offset, length);
    b.node("Add", {"x", "w"}, {"y"}, "add");
    b.output("y", DataType::Float);
    return b;
}

const std::vector<float> kWeights = {1, 2, 3, 4, 5, 6};

} // namespace

TEST_CASE("external data is read relative to the model's folder", "[model][external]") {
    test::TempDir dir;
    std::filesystem::create_directory(dir.file("weights"));
    dir.writeFile("weights/w.bin", std::string(16, 'x') + floatBytes(kWeights));
    ModelBuilder b;
    externalModel(b, "weights/w.bin", 16, 24).save(dir.file("model.onnx"));
    const LoadResult result = loadOnnxModel(dir.file("model.onnx"));
    const Tensor* w = result.model.graph.initializer("w");
    REQUIRE(w != nullptr);
    CHECK(w->toDoubles() == std::vector<double>{1, 2, 3, 4, 5, 6});
    CHECK(w->sizeBytes() == 24);

    SECTION("without a length the tensor's size is read") {
        ModelBuilder noLength;
        externalModel(noLength, "weights/w.bin", 16).save(dir.file("nolength.onnx"));
        CHECK(loadOnnxModel(dir.file("nolength.onnx")).model.graph.initializer("w")->toDoubles().back() ==
              6.0);
    }
    SECTION("from bytes with a base directory") {
        ModelBuilder bytes;
        externalModel(bytes, "weights/w.bin", 16, 24);
        const LoadResult fromBytes = loadOnnxModelFromBytes(bytes.serialize(), "mem.onnx", dir.path());
        CHECK(fromBytes.model.graph.initializer("w")->toDoubles().front() == 1.0);
    }
    SECTION("from bytes without a base directory it is refused") {
        ModelBuilder bytes;
        externalModel(bytes, "weights/w.bin", 16, 24);
        CHECK_THROWS_WITH(loadOnnxModelFromBytes(bytes.serialize(), "mem.onnx"),
                          Catch::Contains("mem.onnx") && Catch::Contains("'w'"));
    }
}

TEST_CASE("external data outside the model's folder is refused", "[model][external]") {
    test::TempDir outside;
    outside.writeFile("secret.bin", floatBytes(kWeights));
    test::TempDir dir;
    const std::string modelPath = dir.file("model.onnx");

    SECTION("absolute path") {
        ModelBuilder b;
        externalModel(b, outside.file("secret.bin")).save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("model.onnx") && Catch::Contains("'w'") &&
                                                        Catch::Contains("absolute"));
    }
    SECTION("parent directory component") {
        const std::string relative =
            "../" + std::filesystem::path(outside.path()).filename().string() + "/secret.bin";
        ModelBuilder b;
        externalModel(b, relative).save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath),
                          Catch::Contains("model.onnx") && Catch::Contains("'w'") && Catch::Contains(".."));
    }
    SECTION("hidden parent component") {
        ModelBuilder b;
        externalModel(b, "sub/../../secret.bin").save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("'w'") && Catch::Contains(".."));
    }
    SECTION("symlink leaving the folder") {
        std::filesystem::create_symlink(outside.file("secret.bin"), dir.file("link.bin"));
        ModelBuilder b;
        externalModel(b, "link.bin").save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("model.onnx") && Catch::Contains("'w'") &&
                                                        Catch::Contains("outside"));
    }
    SECTION("symlinked folder leaving the folder") {
        std::filesystem::create_directory_symlink(outside.path(), dir.file("linked"));
        ModelBuilder b;
        externalModel(b, "linked/secret.bin").save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("'w'") && Catch::Contains("outside"));
    }
}

TEST_CASE("a symlink that stays inside the folder is allowed", "[model][external]") {
    test::TempDir dir;
    dir.writeFile("real.bin", floatBytes(kWeights));
    std::filesystem::create_symlink("real.bin", dir.file("link.bin"));
    ModelBuilder b;
    externalModel(b, "link.bin").save(dir.file("model.onnx"));
    CHECK(loadOnnxModel(dir.file("model.onnx")).model.graph.initializer("w")->toDoubles()[2] == 3.0);
}

TEST_CASE("broken external data references are clear errors", "[model][external]") {
    test::TempDir dir;
    dir.writeFile("w.bin", floatBytes(kWeights));
    const std::string modelPath = dir.file("model.onnx");

    SECTION("missing file") {
        ModelBuilder b;
        externalModel(b, "missing.bin").save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("model.onnx") && Catch::Contains("'w'") &&
                                                        Catch::Contains("missing.bin"));
    }
    SECTION("offset beyond the end") {
        ModelBuilder b;
        externalModel(b, "w.bin", 1000).save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("model.onnx") && Catch::Contains("'w'") &&
                                                        Catch::Contains("beyond the end"));
    }
    SECTION("range beyond the end") {
        ModelBuilder b;
        externalModel(b, "w.bin", 8, 24).save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath),
                          Catch::Contains("'w'") && Catch::Contains("beyond the end"));
    }
    SECTION("length that does not match the dims") {
        ModelBuilder b;
        externalModel(b, "w.bin", 0, 20).save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("'w'") && Catch::Contains("need 24"));
    }
    SECTION("an offset or length that is not a plain decimal count") {
        for (const char* text : {"0x10", "16 bytes", "-8", "", "99999999999999999999"}) {
            ModelBuilder b;
            externalModel(b, "w.bin", 4);
            for (auto& initializer : *b.modelProto().mutable_graph()->mutable_initializer())
                for (auto& entry : *initializer.mutable_external_data())
                    if (entry.key() == "offset")
                        entry.set_value(text);
            b.save(modelPath);
            INFO("offset '" << text << "'");
            CHECK_THROWS_WITH(loadOnnxModel(modelPath),
                              Catch::Contains("'w'") && Catch::Contains("not a decimal byte count"));
        }
    }
    SECTION("the location is a directory") {
        std::filesystem::create_directory(dir.file("folder.bin"));
        ModelBuilder b;
        externalModel(b, "folder.bin").save(modelPath);
        CHECK_THROWS_WITH(loadOnnxModel(modelPath), Catch::Contains("'w'"));
    }
}
