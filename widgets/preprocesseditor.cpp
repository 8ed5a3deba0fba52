#include "preprocesseditor.h"

#include "util/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace qs {

const QString PreprocessEditor::ImageNetPreset = QStringLiteral("imagenet");
const QString PreprocessEditor::UnitPreset = QStringLiteral("unit");
const QString PreprocessEditor::SymmetricPreset = QStringLiteral("symmetric");
const QString PreprocessEditor::RawPreset = QStringLiteral("raw");

namespace {

const QString kCustomPreset = QStringLiteral("custom");
constexpr int kMaximumSide_px = 16384;
constexpr int kDefaultSide_px = 224;
constexpr int kImageNetResize_px = 256;
constexpr int kImageNetCrop_px = 224;
constexpr int kMinimumImageNetSide_px = 64;
constexpr float kRelativeTolerance = 1e-4f;

bool nearlyEqual(float a, float b) {
    return std::fabs(a - b) <= kRelativeTolerance * std::max(std::fabs(a), std::fabs(b));
}

/// `values` as one value per channel (0 or 1 values are broadcast); empty when the count does not fit.
std::vector<float> perChannel(const std::vector<float>& values, int channels, float fallback) {
    if (values.empty())
        return std::vector<float>(static_cast<size_t>(channels), fallback);
    if (values.size() == 1)
        return std::vector<float>(static_cast<size_t>(channels), values.front());
    if (static_cast<int>(values.size()) == channels)
        return values;
    return {};
}

bool sameValues(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), nearlyEqual);
}

bool sameNormalisation(const PreprocessConfig& a, const PreprocessConfig& b) {
    const int channels = a.channelCount();
    const std::vector<float> meanA = perChannel(a.mean, channels, 0.0f);
    const std::vector<float> stdA = perChannel(a.std, channels, 1.0f);
    return nearlyEqual(a.scale, b.scale) && !meanA.empty() && !stdA.empty() &&
           sameValues(meanA, perChannel(b.mean, channels, 0.0f)) &&
           sameValues(stdA, perChannel(b.std, channels, 1.0f));
}

bool sameConfig(const PreprocessConfig& a, const PreprocessConfig& b) {
    return a.color == b.color && a.resize == b.resize && a.resizeShorter == b.resizeShorter &&
           a.interpolation == b.interpolation && a.centerCrop == b.centerCrop && a.scale == b.scale &&
           a.mean == b.mean && a.std == b.std && a.layout == b.layout;
}

/// The shortest text that reads back as the same float, so showing a value and reading it back keeps it.
QString formatNumber(float value) {
    for (int digits = 6; digits < 9; ++digits) {
        const QString text = QLocale::c().toString(double(value), 'g', digits);
        if (static_cast<float>(QLocale::c().toDouble(text)) == value)
            return text;
    }
    return QLocale::c().toString(double(value), 'g', 9);
}

QString formatValues(const std::vector<float>& values) {
    QStringList parts;
    for (float value : values)
        parts << formatNumber(value);
    return parts.join(QStringLiteral(", "));
}

/// 1/255 and 1/127.5 read better as fractions than as 0.00392157.
QString formatScale(float scale) {
    if (scale > 0.0f && scale < 1.0f) {
        const double halves = std::round(2.0 / double(scale)) / 2.0;
        if (static_cast<float>(1.0 / halves) == scale)
            return QStringLiteral("1/") + formatNumber(static_cast<float>(halves));
    }
    return formatNumber(scale);
}

bool parseNumber(const QString& text, double& value) {
    bool ok = false;
    value = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok && std::isfinite(value);
}

/// Accepts "0.5" or a fraction such as "1/255".
bool parseScale(const QString& text, float& scale) {
    const QStringList parts = text.split(QLatin1Char('/'));
    double numerator = 0.0;
    double denominator = 1.0;
    if (parts.size() > 2 || !parseNumber(parts.front(), numerator))
        return false;
    if (parts.size() == 2 && (!parseNumber(parts.back(), denominator) || denominator == 0.0))
        return false;
    scale = static_cast<float>(numerator / denominator);
    return std::isfinite(scale);
}

QSpinBox* sideSpin(QWidget* parent, const QString& objectName, const QString& toolTip) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(1, kMaximumSide_px);
    spin->setValue(kDefaultSide_px);
    spin->setSuffix(PreprocessEditor::tr(" px"));
    spin->setKeyboardTracking(false);
    spin->setToolTip(toolTip);
    return spin;
}

QComboBox* combo(QWidget* parent, const QString& objectName, const QString& toolTip) {
    auto* box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setToolTip(toolTip);
    return box;
}

QLineEdit* lineEdit(QWidget* parent, const QString& objectName, const QString& placeholder,
                    const QString& toolTip) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(toolTip);
    return edit;
}

void selectData(QComboBox* box, const QVariant& data) {
    box->setCurrentIndex(std::max(0, box->findData(data)));
}

} // namespace

PreprocessEditor::PreprocessEditor(QWidget* parent) : QWidget(parent) {
    createControls();

    auto* form = new QFormLayout;
    form->setRowWrapPolicy(
        QFormLayout::WrapLongRows); // fits a narrow dock: a wide field goes under its label
    form->addRow(tr("Preset:"), m_presetCombo);
    form->addRow(tr("Colour order:"), m_colorCombo);
    form->addRow(tr("Resize:"), m_resizeModeCombo);
    form->addRow(tr("Size:"), createSizeRow(m_resizeHeightSpin, m_resizeWidthSpin));
    form->addRow(tr("Shorter side:"), m_resizeShorterSpin);
    form->addRow(tr("Interpolation:"), m_interpolationCombo);
    form->addRow(m_cropCheck, createSizeRow(m_cropHeightSpin, m_cropWidthSpin));
    form->addRow(tr("Scale:"), m_scaleEdit);
    form->addRow(tr("Mean:"), m_meanEdit);
    form->addRow(tr("Std:"), m_stdEdit);
    form->addRow(tr("Layout:"), m_layoutCombo);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addStretch(1);

    connectControls();
    showConfig();
}

PreprocessEditor::~PreprocessEditor() = default;

void PreprocessEditor::createControls() {
    m_presetCombo =
        combo(this, QStringLiteral("presetCombo"),
              tr("Fills in the colour order and normalisation of a common convention, keeping the "
                 "resize and crop the model input needs"));
    m_presetCombo->addItem(tr("ImageNet"), ImageNetPreset);
    m_presetCombo->addItem(tr("[0, 1]"), UnitPreset);
    m_presetCombo->addItem(tr("[-1, 1]"), SymmetricPreset);
    m_presetCombo->addItem(tr("Raw 0-255"), RawPreset);

    m_colorCombo = combo(this, QStringLiteral("colorCombo"), tr("The channel order the model expects"));
    m_colorCombo->addItem(tr("RGB"), int(ColorOrder::RGB));
    m_colorCombo->addItem(tr("BGR"), int(ColorOrder::BGR));
    m_colorCombo->addItem(tr("Gray"), int(ColorOrder::Gray));

    m_resizeModeCombo = combo(this, QStringLiteral("resizeModeCombo"),
                              tr("How the image is resized before the optional center crop"));
    m_resizeModeCombo->addItem(tr("Keep size"), int(ResizeMode::Keep));
    m_resizeModeCombo->addItem(tr("Exact size"), int(ResizeMode::Exact));
    m_resizeModeCombo->addItem(tr("Shorter side"), int(ResizeMode::ShorterSide));
    m_resizeHeightSpin = sideSpin(this, QStringLiteral("resizeHeightSpin"), tr("Height after resizing"));
    m_resizeWidthSpin = sideSpin(this, QStringLiteral("resizeWidthSpin"), tr("Width after resizing"));
    m_resizeShorterSpin = sideSpin(this, QStringLiteral("resizeShorterSpin"),
                                   tr("Length of the shorter side after resizing; the aspect ratio is kept"));
    m_resizeShorterSpin->setValue(kImageNetResize_px);

    m_interpolationCombo = combo(this, QStringLiteral("interpolationCombo"), tr("How pixels are resampled"));
    m_interpolationCombo->addItem(tr("Nearest"), int(Interpolation::Nearest));
    m_interpolationCombo->addItem(tr("Linear"), int(Interpolation::Linear));
    m_interpolationCombo->addItem(tr("Cubic"), int(Interpolation::Cubic));
    m_interpolationCombo->addItem(tr("Area"), int(Interpolation::Area));

    m_cropCheck = new QCheckBox(tr("Center crop:"), this);
    m_cropCheck->setObjectName(QStringLiteral("cropCheck"));
    m_cropCheck->setToolTip(tr("Takes a region of this size from the middle of the resized image"));
    m_cropHeightSpin = sideSpin(this, QStringLiteral("cropHeightSpin"), tr("Height of the center crop"));
    m_cropWidthSpin = sideSpin(this, QStringLiteral("cropWidthSpin"), tr("Width of the center crop"));

    m_scaleEdit = lineEdit(this, QStringLiteral("scaleEdit"), tr("e.g. 1/255"),
                           tr("Multiplies the 0-255 pixel values; a number or a fraction such as 1/255"));
    m_meanEdit = lineEdit(this, QStringLiteral("meanEdit"), tr("0"),
                          tr("Subtracted after scaling: one value, or one per channel separated by commas"));
    m_stdEdit = lineEdit(this, QStringLiteral("stdEdit"), tr("1"),
                         tr("Divides after subtracting the mean: one value, or one per channel separated by "
                            "commas"));

    m_layoutCombo =
        combo(this, QStringLiteral("layoutCombo"),
              tr("NCHW: channels first (PyTorch, most ONNX models); NHWC: channels last (TensorFlow)"));
    m_layoutCombo->addItem(tr("NCHW"), int(TensorLayout::NCHW));
    m_layoutCombo->addItem(tr("NHWC"), int(TensorLayout::NHWC));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_errorLabel->setToolTip(tr("Why the tensor would not fit the model, if it would not"));
}

QWidget* PreprocessEditor::createSizeRow(QSpinBox* height, QSpinBox* width) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(height, 1);
    layout->addWidget(new QLabel(tr("×"), row));
    layout->addWidget(width, 1);
    return row;
}

void PreprocessEditor::connectControls() {
    connect(m_presetCombo, &QComboBox::currentIndexChanged, this, &PreprocessEditor::applyPreset);
    for (QComboBox* box : {m_colorCombo, m_resizeModeCombo, m_interpolationCombo, m_layoutCombo})
        connect(box, &QComboBox::currentIndexChanged, this, &PreprocessEditor::commitEdit);
    for (QSpinBox* spin :
         {m_resizeHeightSpin, m_resizeWidthSpin, m_resizeShorterSpin, m_cropHeightSpin, m_cropWidthSpin})
        connect(spin, &QSpinBox::valueChanged, this, &PreprocessEditor::commitEdit);
    connect(m_cropCheck, &QCheckBox::toggled, this, &PreprocessEditor::commitEdit);
    for (QLineEdit* edit : {m_scaleEdit, m_meanEdit, m_stdEdit})
        connect(edit, &QLineEdit::editingFinished, this, &PreprocessEditor::commitEdit);
}

void PreprocessEditor::setConfig(const PreprocessConfig& config) {
    m_config = config;
    showConfig();
}

void PreprocessEditor::setModelInput(int channels, int height, int width, TensorLayout layout) {
    m_modelChannels = channels;
    m_modelHeight = height;
    m_modelWidth = width;
    m_modelLayout = layout;
    m_hasModelLayout = true;
    updateError();
}

QString PreprocessEditor::errorText() const {
    return m_errorLabel->text();
}

QString PreprocessEditor::currentPreset() const {
    const QString id = m_presetCombo->currentData().toString();
    return id == kCustomPreset ? QString() : id;
}

void PreprocessEditor::showConfig() {
    m_showing = true;
    selectData(m_colorCombo, int(m_config.color));
    const ResizeMode mode = !m_config.resize.empty()     ? ResizeMode::Exact
                            : m_config.resizeShorter > 0 ? ResizeMode::ShorterSide
                                                         : ResizeMode::Keep;
    selectData(m_resizeModeCombo, int(mode));
    if (m_config.resize.size() == 2) {
        m_resizeHeightSpin->setValue(m_config.resize[0]);
        m_resizeWidthSpin->setValue(m_config.resize[1]);
    }
    if (m_config.resizeShorter > 0)
        m_resizeShorterSpin->setValue(m_config.resizeShorter);
    selectData(m_interpolationCombo, int(m_config.interpolation));
    m_cropCheck->setChecked(!m_config.centerCrop.empty());
    if (m_config.centerCrop.size() == 2) {
        m_cropHeightSpin->setValue(m_config.centerCrop[0]);
        m_cropWidthSpin->setValue(m_config.centerCrop[1]);
    }
    m_scaleEdit->setText(formatScale(m_config.scale));
    m_meanEdit->setText(formatValues(m_config.mean));
    m_stdEdit->setText(formatValues(m_config.std));
    selectData(m_layoutCombo, int(m_config.layout));
    m_showing = false;
    m_parseError.clear();
    updateEnabledControls();
    showPresetOf(m_config);
    updateError();
}

void PreprocessEditor::showPresetOf(const PreprocessConfig& config) {
    const bool wasShowing = m_showing;
    m_showing = true;
    const QString id = matchingPreset(config);
    const int customIndex = m_presetCombo->findData(kCustomPreset);
    if (id.isEmpty()) {
        if (customIndex < 0)
            m_presetCombo->addItem(tr("Custom"), kCustomPreset);
        selectData(m_presetCombo, kCustomPreset);
    } else {
        selectData(m_presetCombo, id);
        if (customIndex >= 0)
            m_presetCombo->removeItem(customIndex);
    }
    m_showing = wasShowing;
}

void PreprocessEditor::updateEnabledControls() {
    const auto mode = ResizeMode(m_resizeModeCombo->currentData().toInt());
    m_resizeHeightSpin->setEnabled(mode == ResizeMode::Exact);
    m_resizeWidthSpin->setEnabled(mode == ResizeMode::Exact);
    m_resizeShorterSpin->setEnabled(mode == ResizeMode::ShorterSide);
    m_interpolationCombo->setEnabled(mode != ResizeMode::Keep);
    m_cropHeightSpin->setEnabled(m_cropCheck->isChecked());
    m_cropWidthSpin->setEnabled(m_cropCheck->isChecked());
}

void PreprocessEditor::updateError() {
    QString message = m_parseError;
    if (message.isEmpty()) {
        try {
            validatePreprocess(m_config, m_modelChannels);
            message = modelMismatch();
        } catch (const Error& error) {
            message = QString::fromStdString(error.what());
        }
    }
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

QString PreprocessEditor::modelMismatch() const {
    if (m_hasModelLayout && m_config.layout != m_modelLayout)
        return tr("The layout is %1 but the model input is %2")
            .arg(QString::fromStdString(toString(m_config.layout)),
                 QString::fromStdString(toString(m_modelLayout)));
    const std::vector<int>& size = m_config.centerCrop.size() == 2 ? m_config.centerCrop : m_config.resize;
    if (size.size() != 2)
        return {};
    const bool heightDiffers = m_modelHeight > 0 && size[0] != m_modelHeight;
    const bool widthDiffers = m_modelWidth > 0 && size[1] != m_modelWidth;
    if (!heightDiffers && !widthDiffers)
        return {};
    const auto side = [](int value) { return value > 0 ? QString::number(value) : QStringLiteral("?"); };
    return tr("The tensor will be %1×%2 (height × width) but the model input is %3×%4")
        .arg(size[0])
        .arg(size[1])
        .arg(side(m_modelHeight), side(m_modelWidth));
}

void PreprocessEditor::applyPreset(int comboIndex) {
    const QString id = m_presetCombo->itemData(comboIndex).toString();
    if (m_showing || id.isEmpty() || id == kCustomPreset)
        return;
    const int channels = m_modelChannels > 0 ? m_modelChannels : m_config.channelCount();
    const TensorLayout layout = m_hasModelLayout ? m_modelLayout : m_config.layout;
    const PreprocessConfig preset = presetFor(id, channels, m_modelHeight, m_modelWidth, layout);
    if (sameConfig(preset, m_config))
        return;
    m_config = preset;
    showConfig();
    emit configEdited(m_config);
}

void PreprocessEditor::commitEdit() {
    if (m_showing)
        return;
    const PreprocessConfig before = m_config;
    readForm();
    updateEnabledControls();
    showPresetOf(m_config);
    updateError();
    if (!sameConfig(before, m_config))
        emit configEdited(m_config);
}

void PreprocessEditor::readForm() {
    m_parseError.clear();
    m_config.color = ColorOrder(m_colorCombo->currentData().toInt());
    const auto mode = ResizeMode(m_resizeModeCombo->currentData().toInt());
    m_config.resize.clear();
    m_config.resizeShorter = 0;
    if (mode == ResizeMode::Exact)
        m_config.resize = {m_resizeHeightSpin->value(), m_resizeWidthSpin->value()};
    else if (mode == ResizeMode::ShorterSide)
        m_config.resizeShorter = m_resizeShorterSpin->value();
    m_config.interpolation = Interpolation(m_interpolationCombo->currentData().toInt());
    m_config.centerCrop.clear();
    if (m_cropCheck->isChecked())
        m_config.centerCrop = {m_cropHeightSpin->value(), m_cropWidthSpin->value()};
    m_config.layout = TensorLayout(m_layoutCombo->currentData().toInt());
    // Stops at the first field that does not parse, so its problem is the one shown.
    if (readScale() && readValueList(m_meanEdit, QStringLiteral("preprocess.mean"), m_config.mean))
        readValueList(m_stdEdit, QStringLiteral("preprocess.std"), m_config.std);
}

bool PreprocessEditor::readScale() {
    float scale = 0.0f;
    if (!parseScale(m_scaleEdit->text(), scale)) {
        m_parseError = tr("preprocess.scale: '%1' is not a number or a fraction such as 1/255")
                           .arg(m_scaleEdit->text().trimmed());
        return false;
    }
    m_config.scale = scale;
    return true;
}

bool PreprocessEditor::readValueList(QLineEdit* edit, const QString& key, std::vector<float>& values) {
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    const QStringList parts = edit->text().split(separators, Qt::SkipEmptyParts);
    std::vector<float> parsed;
    for (const QString& part : parts) {
        double value = 0.0;
        if (!parseNumber(part, value)) {
            m_parseError = tr("%1: '%2' is not a number").arg(key, part);
            return false;
        }
        parsed.push_back(static_cast<float>(value));
    }
    values = parsed;
    return true;
}

QStringList PreprocessEditor::presetIds() {
    return {ImageNetPreset, UnitPreset, SymmetricPreset, RawPreset};
}

PreprocessConfig PreprocessEditor::presetFor(const QString& presetId, int channels, int height, int width,
                                             TensorLayout layout) {
    PreprocessConfig config;
    config.layout = layout;
    config.color = channels == 1 ? ColorOrder::Gray : ColorOrder::RGB;
    const bool sizeKnown = height > 0 && width > 0;
    if (presetId == ImageNetPreset) {
        config.color = ColorOrder::RGB;
        const int longer = sizeKnown ? std::max(height, width) : kImageNetCrop_px;
        config.resizeShorter = (longer * kImageNetResize_px + kImageNetCrop_px / 2) / kImageNetCrop_px;
        config.centerCrop = sizeKnown ? std::vector<int>{height, width}
                                      : std::vector<int>{kImageNetCrop_px, kImageNetCrop_px};
        config.scale = 1.0f / 255.0f;
        config.mean = {0.485f, 0.456f, 0.406f};
        config.std = {0.229f, 0.224f, 0.225f};
        return config;
    }
    if (sizeKnown)
        config.resize = {height, width};
    if (presetId == UnitPreset) {
        config.scale = 1.0f / 255.0f;
        config.mean = {0.0f};
        config.std = {1.0f};
    } else if (presetId == SymmetricPreset) {
        config.scale = 1.0f / 255.0f;
        config.mean = {0.5f};
        config.std = {0.5f};
    }
    return config;
}

PreprocessConfig PreprocessEditor::guessedConfig(int channels, int height, int width, TensorLayout layout) {
    const auto largeEnough = [](int side) { return side <= 0 || side >= kMinimumImageNetSide_px; };
    const bool imageNet = channels == 3 && largeEnough(height) && largeEnough(width);
    return presetFor(imageNet ? ImageNetPreset : UnitPreset, channels, height, width, layout);
}

QString PreprocessEditor::matchingPreset(const PreprocessConfig& config) {
    for (const QString& id : presetIds()) {
        const PreprocessConfig preset = presetFor(id, config.channelCount(), -1, -1, config.layout);
        if (id == ImageNetPreset && config.color != ColorOrder::RGB)
            continue;
        if (sameNormalisation(config, preset))
            return id;
    }
    return {};
}

} // namespace qs
