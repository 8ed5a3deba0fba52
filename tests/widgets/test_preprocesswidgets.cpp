#include "preprocesseditor.h"
#include "tensorpreview.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>

#include <cmath>
#include <vector>

using qs::ColorOrder;
using qs::Interpolation;
using qs::PreprocessConfig;
using qs::PreprocessEditor;
using qs::TensorLayout;
using qs::TensorPreview;

namespace {

void checkSameConfig(const PreprocessConfig& actual, const PreprocessConfig& expected) {
    CHECK(actual.color == expected.color);
    CHECK(actual.resize == expected.resize);
    CHECK(actual.resizeShorter == expected.resizeShorter);
    CHECK(actual.interpolation == expected.interpolation);
    CHECK(actual.centerCrop == expected.centerCrop);
    CHECK(actual.scale == expected.scale);
    CHECK(actual.mean == expected.mean);
    CHECK(actual.std == expected.std);
    CHECK(actual.layout == expected.layout);
}

/// Records every configEdited emission.
struct EditRecorder {
    explicit EditRecorder(PreprocessEditor& editor) {
        QObject::connect(&editor, &PreprocessEditor::configEdited,
                         [this](const PreprocessConfig& config) { edits.push_back(config); });
    }
    std::vector<PreprocessConfig> edits;
};

template <typename T> T* child(QWidget& parent, const char* name) {
    T* widget = parent.findChild<T*>(QString::fromLatin1(name));
    REQUIRE(widget != nullptr);
    return widget;
}

void chooseData(QComboBox* combo, const QVariant& data) {
    const int index = combo->findData(data);
    REQUIRE(index >= 0);
    combo->setCurrentIndex(index);
}

void typeAndConfirm(QLineEdit* edit, const QString& text) {
    edit->setText(text);
    QTest::keyClick(edit, Qt::Key_Return);
}

PreprocessConfig customConfig() {
    PreprocessConfig config;
    config.color = ColorOrder::BGR;
    config.resize = {300, 400};
    config.interpolation = Interpolation::Cubic;
    config.centerCrop = {224, 320};
    config.scale = 1.0f / 255.0f;
    config.mean = {0.1f, 0.2f, 0.3f};
    config.std = {0.9f, 0.8f, 0.7f};
    config.layout = TensorLayout::NHWC;
    return config;
}

int grayAt(const QImage& image, int x, int y) {
    return qGray(image.pixel(x, y));
}

// A 3x2x2 sample, NCHW: a ramp, a signed channel and a constant channel.
const std::vector<float> kPlanarValues = {0.0f, 1.0f,  2.0f, 3.0f, -2.12f, 0.0f,
                                          1.0f, 2.25f, 5.0f, 5.0f, 5.0f,   5.0f};

std::vector<float> interleaved(const std::vector<float>& planar, int channels) {
    const size_t pixels = planar.size() / size_t(channels);
    std::vector<float> out(planar.size());
    for (size_t p = 0; p < pixels; ++p)
        for (size_t c = 0; c < size_t(channels); ++c)
            out[p * size_t(channels) + c] = planar[c * pixels + p];
    return out;
}

} // namespace

TEST_CASE("PreprocessEditor shows a configuration and reads it back", "[widgets][preprocess]") {
    PreprocessEditor editor;
    EditRecorder recorder(editor);
    const PreprocessConfig config = customConfig();
    editor.setConfig(config);

    CHECK(recorder.edits.empty());
    checkSameConfig(editor.config(), config);
    CHECK(editor.currentPreset().isEmpty());
    CHECK(child<QComboBox>(editor, "presetCombo")->currentText() == "Custom");
    CHECK(child<QLineEdit>(editor, "scaleEdit")->text() == "1/255");
    CHECK(child<QLineEdit>(editor, "meanEdit")->text() == "0.1, 0.2, 0.3");
    CHECK(child<QSpinBox>(editor, "cropWidthSpin")->value() == 320);
    CHECK(editor.errorText().isEmpty());

    // One user edit re-reads the whole form: everything else must have been shown faithfully.
    chooseData(child<QComboBox>(editor, "layoutCombo"), int(TensorLayout::NCHW));
    REQUIRE(recorder.edits.size() == 1);
    PreprocessConfig expected = config;
    expected.layout = TensorLayout::NCHW;
    checkSameConfig(recorder.edits.front(), expected);
    checkSameConfig(editor.config(), expected);

    // Confirming a field without changing it is not an edit.
    QTest::keyClick(child<QLineEdit>(editor, "stdEdit"), Qt::Key_Return);
    CHECK(recorder.edits.size() == 1);

    child<QCheckBox>(editor, "cropCheck")->setChecked(false);
    REQUIRE(recorder.edits.size() == 2);
    CHECK(editor.config().centerCrop.empty());
    CHECK_FALSE(child<QSpinBox>(editor, "cropWidthSpin")->isEnabled());
}

TEST_CASE("PreprocessEditor presets keep the model's input size", "[widgets][preprocess]") {
    PreprocessEditor editor;
    EditRecorder recorder(editor);
    editor.setModelInput(3, 299, 299, TensorLayout::NCHW);
    checkSameConfig(editor.config(), PreprocessConfig());
    CHECK(recorder.edits.empty());
    QComboBox* presets = child<QComboBox>(editor, "presetCombo");
    CHECK(presets->currentData().toString() == PreprocessEditor::RawPreset);

    chooseData(presets, PreprocessEditor::ImageNetPreset);
    REQUIRE(recorder.edits.size() == 1);
    const PreprocessConfig imageNet = recorder.edits.front();
    checkSameConfig(imageNet, PreprocessEditor::presetFor(PreprocessEditor::ImageNetPreset, 3, 299, 299,
                                                          TensorLayout::NCHW));
    CHECK(imageNet.color == ColorOrder::RGB);
    CHECK(imageNet.resizeShorter == 342);
    CHECK(imageNet.centerCrop == std::vector<int>{299, 299});
    CHECK(imageNet.scale == 1.0f / 255.0f);
    CHECK(imageNet.mean == std::vector<float>{0.485f, 0.456f, 0.406f});
    CHECK(imageNet.std == std::vector<float>{0.229f, 0.224f, 0.225f});
    checkSameConfig(editor.config(), imageNet);
    CHECK(editor.currentPreset() == PreprocessEditor::ImageNetPreset);
    CHECK(editor.errorText().isEmpty());

    chooseData(presets, PreprocessEditor::SymmetricPreset);
    REQUIRE(recorder.edits.size() == 2);
    const PreprocessConfig symmetric = recorder.edits.back();
    CHECK(symmetric.resize == std::vector<int>{299, 299});
    CHECK(symmetric.resizeShorter == 0);
    CHECK(symmetric.centerCrop.empty());
    CHECK(symmetric.scale == 1.0f / 255.0f);
    CHECK(symmetric.mean == std::vector<float>{0.5f});
    CHECK(symmetric.std == std::vector<float>{0.5f});

    // Editing the values away from every preset shows "Custom"; choosing a preset removes it again.
    typeAndConfirm(child<QLineEdit>(editor, "stdEdit"), "0.25");
    REQUIRE(recorder.edits.size() == 3);
    CHECK(presets->currentText() == "Custom");
    chooseData(presets, PreprocessEditor::UnitPreset);
    REQUIRE(recorder.edits.size() == 4);
    CHECK(editor.currentPreset() == PreprocessEditor::UnitPreset);
    CHECK(presets->findText("Custom") < 0);
}

TEST_CASE("PreprocessEditor preset and guess functions", "[widgets][preprocess]") {
    const PreprocessConfig imageNet =
        PreprocessEditor::presetFor(PreprocessEditor::ImageNetPreset, 3, -1, -1, TensorLayout::NHWC);
    CHECK(imageNet.resizeShorter == 256);
    CHECK(imageNet.centerCrop == std::vector<int>{224, 224});
    CHECK(imageNet.layout == TensorLayout::NHWC);

    const PreprocessConfig raw =
        PreprocessEditor::presetFor(PreprocessEditor::RawPreset, 3, -1, -1, TensorLayout::NCHW);
    CHECK(raw.scale == 1.0f);
    CHECK(raw.resize.empty());
    CHECK(PreprocessEditor::matchingPreset(raw) == PreprocessEditor::RawPreset);
    CHECK(PreprocessEditor::matchingPreset(customConfig()).isEmpty());

    const PreprocessConfig mnist = PreprocessEditor::guessedConfig(1, 28, 28, TensorLayout::NCHW);
    CHECK(mnist.color == ColorOrder::Gray);
    CHECK(mnist.resize == std::vector<int>{28, 28});
    CHECK(mnist.scale == 1.0f / 255.0f);
    CHECK(PreprocessEditor::matchingPreset(mnist) == PreprocessEditor::UnitPreset);

    const PreprocessConfig cifar = PreprocessEditor::guessedConfig(3, 32, 32, TensorLayout::NCHW);
    CHECK(cifar.color == ColorOrder::RGB);
    CHECK(cifar.resize == std::vector<int>{32, 32});
    CHECK(PreprocessEditor::matchingPreset(cifar) == PreprocessEditor::UnitPreset);

    const PreprocessConfig resnet = PreprocessEditor::guessedConfig(3, 224, 224, TensorLayout::NCHW);
    checkSameConfig(resnet, PreprocessEditor::presetFor(PreprocessEditor::ImageNetPreset, 3, 224, 224,
                                                        TensorLayout::NCHW));
    CHECK(resnet.resizeShorter == 256);
    CHECK(resnet.centerCrop == std::vector<int>{224, 224});
    CHECK_NOTHROW(qs::validatePreprocess(resnet, 3));
    CHECK_NOTHROW(qs::validatePreprocess(mnist, 1));
}

TEST_CASE("PreprocessEditor explains invalid values under the form", "[widgets][preprocess]") {
    PreprocessEditor editor;
    EditRecorder recorder(editor);
    editor.setModelInput(3, 224, 224, TensorLayout::NCHW);
    editor.setConfig(
        PreprocessEditor::presetFor(PreprocessEditor::ImageNetPreset, 3, 224, 224, TensorLayout::NCHW));
    QLabel* errorLabel = child<QLabel>(editor, "errorLabel");
    CHECK(errorLabel->text().isEmpty());
    CHECK(errorLabel->isHidden());

    QLineEdit* mean = child<QLineEdit>(editor, "meanEdit");
    typeAndConfirm(mean, "0.5, 0.5");
    REQUIRE(recorder.edits.size() == 1);
    CHECK(editor.config().mean == std::vector<float>{0.5f, 0.5f});
    CHECK(errorLabel->text() == "preprocess.mean has 2 values but the model input has 3 channels");
    CHECK_FALSE(errorLabel->isHidden());

    typeAndConfirm(mean, "0.5, zero");
    CHECK(recorder.edits.size() == 1);
    CHECK(editor.config().mean == std::vector<float>{0.5f, 0.5f});
    CHECK(errorLabel->text().contains("'zero' is not a number"));

    typeAndConfirm(mean, "0.5");
    REQUIRE(recorder.edits.size() == 2);
    CHECK(errorLabel->text().isEmpty());
    CHECK(errorLabel->isHidden());

    chooseData(child<QComboBox>(editor, "colorCombo"), int(ColorOrder::Gray));
    CHECK(errorLabel->text() == "preprocess.color is GRAY (1 channel) but the model input has 3 channels");

    editor.setConfig(
        PreprocessEditor::presetFor(PreprocessEditor::UnitPreset, 3, 256, 256, TensorLayout::NCHW));
    CHECK(errorLabel->text().contains("256×256"));
    CHECK(errorLabel->text().contains("224×224"));
    CHECK(recorder.edits.size() == 3);
}

TEST_CASE("TensorPreview shows each channel of a known tensor", "[widgets][preprocess]") {
    TensorPreview preview;
    CHECK_FALSE(preview.hasTensor());
    CHECK_FALSE(preview.emptyText().isEmpty());

    preview.setTensor("cat.png", kPlanarValues, {3, 2, 2}, TensorLayout::NCHW);
    REQUIRE(preview.channelCount() == 3);
    CHECK(preview.titleText().contains("cat.png"));
    CHECK(preview.titleText().contains("[3, 2, 2]"));

    const QImage ramp = preview.channelImage(0);
    REQUIRE(ramp.size() == QSize(2, 2));
    CHECK(grayAt(ramp, 0, 0) == 0);
    CHECK(grayAt(ramp, 1, 0) == 85);
    CHECK(grayAt(ramp, 0, 1) == 170);
    CHECK(grayAt(ramp, 1, 1) == 255);
    CHECK(preview.channelCaption(0) == "channel 0: min 0.00, max 3.00, mean 1.50");

    const QImage signedChannel = preview.channelImage(1);
    CHECK(grayAt(signedChannel, 0, 0) == 0);
    CHECK(grayAt(signedChannel, 1, 0) == 124); // (0 + 2.12) / 4.37 * 255
    CHECK(grayAt(signedChannel, 0, 1) == 182); // (1 + 2.12) / 4.37 * 255
    CHECK(grayAt(signedChannel, 1, 1) == 255);
    CHECK(preview.channelCaption(1) == "channel 1: min -2.12, max 2.25, mean 0.28");

    const QImage constant = preview.channelImage(2);
    CHECK(grayAt(constant, 0, 0) == 128);
    CHECK(grayAt(constant, 1, 1) == 128);
    CHECK(preview.channelCaption(2) == "channel 2: min 5.00, max 5.00, mean 5.00");
    CHECK(preview.channelImage(3).isNull());
    CHECK(preview.channelCaption(-1).isEmpty());

    preview.setWarning("check the scale");
    CHECK(preview.warningText() == "check the scale");
    preview.setTensor("cat.png", kPlanarValues, {3, 2, 2}, TensorLayout::NCHW);
    CHECK(preview.warningText().isEmpty());

    preview.clear("no image");
    CHECK(preview.channelCount() == 0);
    CHECK(preview.emptyText() == "no image");
}

TEST_CASE("TensorPreview reads channels-last tensors", "[widgets][preprocess]") {
    TensorPreview planar;
    planar.setTensor("a", kPlanarValues, {3, 2, 2}, TensorLayout::NCHW);
    TensorPreview channelsLast;
    channelsLast.setTensor("a", interleaved(kPlanarValues, 3), {2, 2, 3}, TensorLayout::NHWC);

    REQUIRE(channelsLast.channelCount() == 3);
    for (int c = 0; c < 3; ++c) {
        CHECK(channelsLast.channelImage(c) == planar.channelImage(c));
        CHECK(channelsLast.channelCaption(c) == planar.channelCaption(c));
    }
    CHECK(grayAt(channelsLast.channelImage(0), 1, 0) == 85);

    // A 1x3 single-channel NHWC image is three pixels wide.
    channelsLast.setTensor("row", {0.0f, 0.5f, 1.0f}, {1, 3, 1}, TensorLayout::NHWC);
    REQUIRE(channelsLast.channelCount() == 1);
    CHECK(channelsLast.channelImage(0).size() == QSize(3, 1));
    CHECK(grayAt(channelsLast.channelImage(0), 1, 0) == 128);

    channelsLast.setTensor("bad", {1.0f, 2.0f}, {1, 2, 2}, TensorLayout::NHWC);
    CHECK_FALSE(channelsLast.hasTensor());
    CHECK(channelsLast.emptyText().contains("[1, 2, 2]"));
}

TEST_CASE("TensorPreview warns about implausible statistics", "[widgets][preprocess]") {
    const PreprocessConfig raw;
    const PreprocessConfig imageNet =
        PreprocessEditor::presetFor(PreprocessEditor::ImageNetPreset, 3, 224, 224, TensorLayout::NCHW);
    const PreprocessConfig unit =
        PreprocessEditor::presetFor(PreprocessEditor::UnitPreset, 3, 224, 224, TensorLayout::NCHW);

    std::vector<float> pixels;
    for (int value = 0; value < 256; value += 5)
        pixels.push_back(float(value));
    CHECK(TensorPreview::statisticsWarning(pixels, raw).contains("1/255"));

    std::vector<float> normalized;
    for (float value : pixels)
        normalized.push_back((value / 255.0f - 0.456f) / 0.224f);
    CHECK(TensorPreview::statisticsWarning(normalized, imageNet).isEmpty());

    std::vector<float> unitValues;
    for (float value : pixels)
        unitValues.push_back(value / 255.0f);
    CHECK(TensorPreview::statisticsWarning(unitValues, unit).isEmpty());
    CHECK(TensorPreview::statisticsWarning(unitValues, imageNet).contains("negative"));

    CHECK(TensorPreview::statisticsWarning(std::vector<float>(12, 0.25f), unit)
              .contains("Every value is 0.25"));
    CHECK(TensorPreview::statisticsWarning({0.1f, std::nanf(""), 0.3f}, unit).contains("not finite"));
    CHECK(TensorPreview::statisticsWarning({}, unit).isEmpty());
}
