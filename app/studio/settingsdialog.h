#pragma once
// Edit → Preferences: engine threads, language (applied at the next start), theme, the SQNR below which a
// layer counts as weak, the images a sensitivity run uses, and the folders the Open Model, data folder and
// Export dialogs start in. The controls start from the AppSettings; OK writes them back (each change emits
// AppSettings::changed()), Cancel writes nothing, Restore Defaults resets the controls only.

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace qs {

class AppSettings;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

    QSpinBox* threadsBox() const { return m_threads; }
    QComboBox* languageBox() const { return m_language; }
    QComboBox* themeBox() const { return m_theme; }
    QDoubleSpinBox* weakLayerSqnrBox() const { return m_weakLayerSqnr; }
    QSpinBox* sensitivityImagesBox() const { return m_sensitivityImages; }
    QLineEdit* modelsFolderEdit() const { return m_modelsFolder; }
    QLineEdit* dataFolderEdit() const { return m_dataFolder; }
    QLineEdit* outputFolderEdit() const { return m_outputFolder; }
    QDialogButtonBox* buttons() const { return m_buttons; }

    /// Writes the controls to the settings, then closes with Accepted.
    void accept() override;
    /// Sets the controls to the defaults (written only on OK).
    void restoreDefaults();

private:
    QWidget* createEngineBox();
    QWidget* createAppearanceBox();
    QWidget* createAnalysisBox();
    QWidget* createFoldersBox();
    QLineEdit* addFolderRow(QFormLayout* form, const QString& label, const QString& toolTip);
    void load();

    AppSettings* m_settings = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_language = nullptr;
    QComboBox* m_theme = nullptr;
    QDoubleSpinBox* m_weakLayerSqnr = nullptr;
    QSpinBox* m_sensitivityImages = nullptr;
    QLineEdit* m_modelsFolder = nullptr;
    QLineEdit* m_dataFolder = nullptr;
    QLineEdit* m_outputFolder = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace qs
