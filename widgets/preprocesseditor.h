#pragma once
// Form for a `PreprocessConfig`: colour order, resize, interpolation, center crop, scale, mean, std and
// layout, with a presets combo (ImageNet, [0, 1], [-1, 1], raw 0-255) that keeps the geometry the model input
// needs. Problems with the current values are explained in red under the form; the editor never loads images
// itself.

#include "data/preprocess.h"

#include <QString>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace qs {

/// Child controls carry object names for tests: presetCombo, colorCombo, resizeModeCombo, resizeHeightSpin,
/// resizeWidthSpin, resizeShorterSpin, interpolationCombo, cropCheck, cropHeightSpin, cropWidthSpin,
/// scaleEdit, meanEdit, stdEdit, layoutCombo and errorLabel.
class PreprocessEditor : public QWidget {
    Q_OBJECT
public:
    /// Preset ids accepted by `presetFor`; the combo shows them translated.
    static const QString ImageNetPreset;  ///< "imagenet": RGB, shorter side 256, crop 224, ImageNet mean/std
    static const QString UnitPreset;      ///< "unit": x / 255, values in [0, 1]
    static const QString SymmetricPreset; ///< "symmetric": (x / 255 - 0.5) / 0.5, values in [-1, 1]
    static const QString RawPreset;       ///< "raw": pixel values 0-255 unchanged

    explicit PreprocessEditor(QWidget* parent = nullptr);
    ~PreprocessEditor() override;

    /// Shows `config` in the form without emitting `configEdited`.
    void setConfig(const PreprocessConfig& config);
    /// The values in the form. Fields whose text does not parse keep their last valid value.
    PreprocessConfig config() const { return m_config; }

    /// Tells the editor what the model input looks like, so presets produce tensors of that size and the form
    /// is checked against it. Values <= 0 mean unknown. Does not change the current configuration.
    void setModelInput(int channels, int height, int width, TensorLayout layout);

    /// The message currently shown under the form (empty when the configuration is valid).
    QString errorText() const;
    /// The preset id the current values match, or an empty string for "Custom".
    QString currentPreset() const;

    /// All preset ids, in combo order.
    static QStringList presetIds();
    /// The configuration of preset `presetId` for a model input of `channels` x `height` x `width` (<= 0
    /// means unknown). With a known size, ImageNet resizes the shorter side by 256/224 of it and crops
    /// [height, width]; the other presets resize to exactly [height, width]. An unknown id gives the default
    /// configuration.
    static PreprocessConfig presetFor(const QString& presetId, int channels, int height, int width,
                                      TensorLayout layout);
    /// A first guess for a model input: ImageNet for 3 channels when both sides are at least 64 pixels (or
    /// unknown), otherwise [0, 1] (Gray for 1 channel).
    static PreprocessConfig guessedConfig(int channels, int height, int width, TensorLayout layout);
    /// The id of the preset whose colour and normalisation (scale, mean, std) `config` has; empty if none.
    static QString matchingPreset(const PreprocessConfig& config);

signals:
    /// Emitted once for every change the user makes in the form (not for `setConfig`).
    void configEdited(const qs::PreprocessConfig& config);

private:
    enum class ResizeMode { Keep, Exact, ShorterSide };

    void createControls();
    QWidget* createSizeRow(QSpinBox* height, QSpinBox* width);
    void connectControls();
    void showConfig();
    void showPresetOf(const PreprocessConfig& config);
    void updateEnabledControls();
    void updateError();
    QString modelMismatch() const;
    void applyPreset(int comboIndex);
    void readForm();
    void commitEdit();
    bool readValueList(QLineEdit* edit, const QString& key, std::vector<float>& values);
    bool readScale();

    QComboBox* m_presetCombo = nullptr;
    QComboBox* m_colorCombo = nullptr;
    QComboBox* m_resizeModeCombo = nullptr;
    QSpinBox* m_resizeHeightSpin = nullptr;
    QSpinBox* m_resizeWidthSpin = nullptr;
    QSpinBox* m_resizeShorterSpin = nullptr;
    QComboBox* m_interpolationCombo = nullptr;
    QCheckBox* m_cropCheck = nullptr;
    QSpinBox* m_cropHeightSpin = nullptr;
    QSpinBox* m_cropWidthSpin = nullptr;
    QLineEdit* m_scaleEdit = nullptr;
    QLineEdit* m_meanEdit = nullptr;
    QLineEdit* m_stdEdit = nullptr;
    QComboBox* m_layoutCombo = nullptr;
    QLabel* m_errorLabel = nullptr;

    PreprocessConfig m_config;
    QString m_parseError;   ///< a field whose text is not a number list, shown before validation errors
    bool m_showing = false; ///< true while the form is filled from m_config (no edits are reported)
    int m_modelChannels = -1;
    int m_modelHeight = -1;
    int m_modelWidth = -1;
    TensorLayout m_modelLayout = TensorLayout::NCHW;
    bool m_hasModelLayout = false;
};

} // namespace qs
