#include "reportfixtures.h"

#include "fixtures/modelbuilder.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace qs::test {

std::string demoThumbnail() {
    const fs::path folder = fs::path(QS_SOURCE_DIR) / "resources/demo/eval";
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".png")
            return imageThumbnailJpeg(entry.path().string(), 96);
    return "";
}

namespace {

ReviewLayer quantizedLayer(const std::string& name, int bits, double cumulativeDb, double isolatedDb) {
    ReviewLayer layer;
    layer.name = name;
    layer.opType = "Conv";
    layer.scheme = "uniform";
    layer.weights = "uniform int" + std::to_string(bits) + " per-channel symmetric";
    layer.activations = "uniform uint8 per-tensor asymmetric";
    layer.weightBits = bits;
    layer.granularity = "per_channel";
    layer.rangeMethod = "percentile 99.99";
    layer.cumulativeSqnrDb = cumulativeDb;
    layer.isolatedSqnrDb = isolatedDb;
    layer.sensitivity = 0.9;
    layer.weightBytes = 600;
    return layer;
}

} // namespace

ReviewReport sampleReviewReport() {
    ReviewReport report;
    report.model.name = "demo.onnx";
    report.model.path = "/models/demo.onnx";
    report.model.sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    report.model.producerName = "pytorch";
    report.model.producerVersion = "2.1";
    report.model.opset = 13;
    report.toolVersion = "1.2.3";
    report.createdUtc = "2026-12-02T15:04:05Z";
    report.outputPath = "/models/demo.int8.onnx";
    report.strategy.weights = "uniform int8 per-channel symmetric";
    report.strategy.activations = "uniform uint8 per-tensor asymmetric";
    report.strategy.calibration = "percentile 99.99";
    report.strategy.biasCorrection = true;
    ReviewOverride override;
    override.layer = "conv2";
    override.weights = "uniform int4 per-channel symmetric";
    override.rangeMethod = "mse";
    report.strategy.overrides = {override};
    report.strategy.floatLayers = {"fc"};
    report.strategy.preprocessing = "gray, scale 0.00392, NCHW";
    report.calibration.folder = "calib/";
    report.calibration.imageCount = 48;
    report.calibration.skipped = {{"calib/broken.png", "not a readable image"}};
    report.evaluation = ReviewDataSet();
    report.evaluation->folder = "eval/";
    report.evaluation->imageCount = 100;
    report.sizes.floatFileBytes = 135581;
    report.sizes.quantFileBytes = 52000;
    report.sizes.floatWeightBytes = 128296;
    report.sizes.quantWeightBytes = 34000;
    ReviewAccuracy accuracy;
    accuracy.imageCount = 100;
    accuracy.floatTop1 = 0.91;
    accuracy.quantTop1 = 0.89;
    accuracy.floatTop5 = 0.99;
    accuracy.quantTop5 = 0.98;
    accuracy.agreementTop1 = 0.95;
    accuracy.meanCosine = 0.999;
    accuracy.meanKl = 0.0012;
    report.accuracy = accuracy;
    ReviewLayer conv1 = quantizedLayer("conv1", 8, 34.0, 38.0);
    ReviewLayer hostile = quantizedLayer("<script>alert(\"x\")</script>&evil\xff", 8, 12.0, 16.0);
    ReviewLayer conv2 = quantizedLayer("conv2", 4, 24.0, 27.0);
    ReviewLayer fc;
    fc.name = "fc";
    fc.opType = "Gemm";
    fc.scheme = fc.weights = fc.activations = "float";
    fc.weightBits = 32;
    fc.keptFloat = true;
    report.layers = {conv1, hostile, conv2, fc};
    report.strategies = {{"float model", 135581, 0.91}, {"this run: w uniform 8-bit", 52000, 0.89}};
    ReviewDiagnosis diagnosis;
    diagnosis.layer = "conv2";
    diagnosis.sqnrDb = 24.0;
    diagnosis.kind = "low bits";
    diagnosis.reason = "Weights at 4 bits keep 16 levels.";
    diagnosis.fixes = {"Use 8-bit weights"};
    report.diagnoses = {diagnosis};
    ReviewFlip flip;
    flip.file = "eval/3/img_0001.png";
    flip.label = 3;
    flip.floatClass = 3;
    flip.floatConfidence = 0.6;
    flip.quantClass = 6;
    flip.quantConfidence = 0.55;
    flip.outputSqnrDb = 9.5;
    flip.thumbnailJpeg = demoThumbnail();
    report.flips = {flip};
    report.classNames = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat",
                         "Sandal",  "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return report;
}

namespace {

std::map<std::string, std::string> attributes(const std::string& element) {
    std::map<std::string, std::string> out;
    static const std::regex attribute(R"re(([a-zA-Z-]+)="([^"]*)")re");
    for (auto it = std::sregex_iterator(element.begin(), element.end(), attribute);
         it != std::sregex_iterator(); ++it)
        out[(*it)[1]] = (*it)[2];
    return out;
}

/// The text between <g class="group"> and its matching </g>.
std::string groupBody(const std::string& svg, const std::string& group) {
    const std::string open = "<g class=\"" + group + "\">";
    const size_t start = svg.find(open);
    if (start == std::string::npos)
        return "";
    size_t depth = 1;
    size_t position = start + open.size();
    while (depth > 0 && position < svg.size()) {
        const size_t nextOpen = svg.find("<g", position);
        const size_t nextClose = svg.find("</g>", position);
        if (nextClose == std::string::npos)
            return "";
        if (nextOpen != std::string::npos && nextOpen < nextClose) {
            ++depth;
            position = nextOpen + 2;
        } else {
            --depth;
            position = nextClose + 4;
        }
    }
    return svg.substr(start + open.size(), position - 4 - start - open.size());
}

} // namespace

std::vector<std::map<std::string, std::string>> svgElements(const std::string& svg, const std::string& group,
                                                            const std::string& tag) {
    const std::string body = groupBody(svg, group);
    std::vector<std::map<std::string, std::string>> out;
    const std::regex element("<" + tag + "\\s[^>]*>");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), element); it != std::sregex_iterator();
         ++it)
        out.push_back(attributes(it->str()));
    return out;
}

std::vector<std::string> svgTexts(const std::string& svg, const std::string& group) {
    const std::string body = groupBody(svg, group);
    std::vector<std::string> out;
    static const std::regex text("<text[^>]*>([^<]*)</text>");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), text); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

size_t checkPdfStructure(const std::string& pdf, std::string& problem) {
    if (pdf.rfind("%PDF-1.", 0) != 0) {
        problem = "no %PDF header";
        return 0;
    }
    const size_t startxref = pdf.rfind("startxref");
    if (startxref == std::string::npos || pdf.find("%%EOF", startxref) == std::string::npos) {
        problem = "no startxref / %%EOF";
        return 0;
    }
    const size_t xref = std::stoul(pdf.substr(startxref + 10));
    if (pdf.compare(xref, 5, "xref\n") != 0) {
        problem = "startxref does not point at the xref table";
        return 0;
    }
    std::istringstream table(pdf.substr(xref + 5));
    size_t first = 0;
    size_t count = 0;
    table >> first >> count;
    if (first != 0 || count < 2) {
        problem = "bad xref subsection";
        return 0;
    }
    std::string line;
    std::getline(table, line);
    for (size_t object = 0; object < count; ++object) {
        std::string offset, generation, kind;
        table >> offset >> generation >> kind;
        if (offset.size() != 10 || generation.size() != 5) {
            problem = "malformed xref entry " + std::to_string(object);
            return 0;
        }
        if (object == 0)
            continue;
        const std::string expected = std::to_string(object) + " 0 obj";
        if (kind != "n" || pdf.compare(std::stoul(offset), expected.size(), expected) != 0) {
            problem = "xref entry " + std::to_string(object) + " does not point at '" + expected + "'";
            return 0;
        }
    }
    const size_t trailer = pdf.find("trailer", xref);
    if (trailer == std::string::npos || pdf.find("/Root 1 0 R", trailer) == std::string::npos ||
        pdf.find("/Size " + std::to_string(count), trailer) == std::string::npos) {
        problem = "trailer without /Root or the right /Size";
        return 0;
    }
    return count - 1;
}

bool programAvailable(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

std::vector<unsigned char> renderPdfPageGray(const std::string& pdfPath, int page, int dpi, int& width,
                                             int& height) {
    const std::string prefix = pdfPath + ".page";
    const std::string command = "pdftoppm -gray -r " + std::to_string(dpi) + " -f " + std::to_string(page) +
                                " -l " + std::to_string(page) + " -singlefile '" + pdfPath + "' '" + prefix +
                                "' 2>/dev/null";
    if (std::system(command.c_str()) != 0)
        return {};
    std::ifstream stream(prefix + ".pgm", std::ios::binary);
    std::string magic;
    int maxValue = 0;
    stream >> magic >> width >> height >> maxValue;
    stream.get();
    if (magic != "P5" || width <= 0 || height <= 0 || maxValue != 255)
        return {};
    std::vector<unsigned char> pixels(size_t(width) * size_t(height));
    stream.read(reinterpret_cast<char*>(pixels.data()), std::streamsize(pixels.size()));
    return stream ? pixels : std::vector<unsigned char>();
}

} // namespace qs::test
