#include "settingsdialog.h"

#include "appsettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>

namespace qs {

namespace {

void selectData(QComboBox* combo, const QString& value) {
    combo->setCurrentIndex(std::max(0, combo->findData(value)));
}

QLabel* noteLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setEnabled(false); // drawn in the disabled text colour: a remark, not a control
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent), m_settings(settings) {
    setWindowTitle(tr("Preferences"));
    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Save the preferences and close."));
    m_buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without changing anything."));
    m_buttons->button(QDialogButtonBox::RestoreDefaults)
        ->setToolTip(tr("Set every control to its default; nothing is saved until you press OK."));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createEngineBox());
    layout->addWidget(createAppearanceBox());
    layout->addWidget(createAnalysisBox());
    layout->addWidget(createFoldersBox());
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    load();
}

QWidget* SettingsDialog::createEngineBox() {
    auto* box = new QGroupBox(tr("Engine"), this);
    auto* form = new QFormLayout(box);
    const int cores = std::max(1, QThread::idealThreadCount());
    m_threads = new QSpinBox(box);
    m_threads->setRange(0, cores);
    m_threads->setSpecialValueText(tr("All cores (%1)").arg(cores));
    m_threads->setToolTip(tr("Threads used by calibration, evaluation, sensitivity and export (0 = all "
                             "cores). A change applies from the next job; a running job keeps its threads."));
    form->addRow(tr("&Threads:"), m_threads);
    return box;
}

QWidget* SettingsDialog::createAppearanceBox() {
    auto* box = new QGroupBox(tr("Appearance"), this);
    auto* form = new QFormLayout(box);
    m_language = new QComboBox(box);
    m_language->addItem(tr("System default"), AppSettings::systemValue());
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(tr("Chinese (Simplified) — 简体中文"), QStringLiteral("zh_CN"));
    m_language->setToolTip(tr("Language of menus and messages. Takes effect when Quantscope is restarted."));
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), noteLabel(tr("The language takes effect when Quantscope is restarted."), box));
    m_theme = new QComboBox(box);
    m_theme->addItem(tr("System default"), AppSettings::systemValue());
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setToolTip(tr("Colours of the window: follow the system, or always light or dark."));
    form->addRow(tr("T&heme:"), m_theme);
    return box;
}

QWidget* SettingsDialog::createAnalysisBox() {
    auto* box = new QGroupBox(tr("Analysis"), this);
    auto* form = new QFormLayout(box);
    m_weakLayerSqnr = new QDoubleSpinBox(box);
    m_weakLayerSqnr->setRange(0.0, 200.0);
    m_weakLayerSqnr->setDecimals(1);
    m_weakLayerSqnr->setSingleStep(1.0);
    m_weakLayerSqnr->setSuffix(tr(" dB"));
    m_weakLayerSqnr->setToolTip(tr("A layer whose output SQNR is below this counts as weak; the Layers table "
                                   "marks its SQNR."));
    form->addRow(tr("&Weak layer SQNR below:"), m_weakLayerSqnr);
    m_sensitivityImages = new QSpinBox(box);
    m_sensitivityImages->setRange(1, AppSettings::kMaximumSensitivityImages);
    m_sensitivityImages->setToolTip(tr("Layer Sensitivity measures each layer on at most this many of the "
                                       "first evaluation images: more is more precise and slower."));
    form->addRow(tr("&Sensitivity images:"), m_sensitivityImages);
    return box;
}

QWidget* SettingsDialog::createFoldersBox() {
    auto* box = new QGroupBox(tr("Default folders"), this);
    auto* form = new QFormLayout(box);
    m_modelsFolder = addFolderRow(form, tr("&Models:"), tr("Where Open Model starts."));
    m_dataFolder =
        addFolderRow(form, tr("&Data:"), tr("Where the calibration and evaluation folder choosers start."));
    m_outputFolder = addFolderRow(form, tr("&Output:"), tr("Where Export Quantized Model starts."));
    form->addRow(QString(), noteLabel(tr("Leave a folder empty to start in the last folder used."), box));
    return box;
}

QLineEdit* SettingsDialog::addFolderRow(QFormLayout* form, const QString& label, const QString& toolTip) {
    auto* edit = new QLineEdit(form->parentWidget());
    edit->setMinimumWidth(edit->fontMetrics().averageCharWidth() * 40);
    edit->setPlaceholderText(tr("Last folder used"));
    edit->setClearButtonEnabled(true);
    edit->setToolTip(toolTip + QLatin1Char(' ') + tr("Empty: the last folder used."));
    auto* browse = new QPushButton(tr("Browse…"), form->parentWidget());
    browse->setToolTip(tr("Choose the folder."));
    connect(browse, &QPushButton::clicked, this, [this, edit] {
        const QString start = edit->text().isEmpty() ? QDir::homePath() : edit->text();
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Default Folder"), start);
        if (!folder.isEmpty())
            edit->setText(QDir::toNativeSeparators(folder));
    });
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    if (auto* labelWidget = qobject_cast<QLabel*>(form->labelForField(row)))
        labelWidget->setBuddy(edit);
    return edit;
}

void SettingsDialog::load() {
    m_threads->setValue(m_settings->threadCount());
    selectData(m_language, m_settings->language());
    selectData(m_theme, m_settings->theme());
    m_weakLayerSqnr->setValue(m_settings->weakLayerSqnrDb());
    m_sensitivityImages->setValue(m_settings->sensitivityImages());
    m_modelsFolder->setText(QDir::toNativeSeparators(m_settings->modelsFolder()));
    m_dataFolder->setText(QDir::toNativeSeparators(m_settings->dataFolder()));
    m_outputFolder->setText(QDir::toNativeSeparators(m_settings->outputFolder()));
}

void SettingsDialog::restoreDefaults() {
    m_threads->setValue(AppSettings::kDefaultThreadCount);
    selectData(m_language, AppSettings::systemValue());
    selectData(m_theme, AppSettings::systemValue());
    m_weakLayerSqnr->setValue(AppSettings::kDefaultWeakLayerSqnrDb);
    m_sensitivityImages->setValue(AppSettings::kDefaultSensitivityImages);
    m_modelsFolder->clear();
    m_dataFolder->clear();
    m_outputFolder->clear();
}

void SettingsDialog::accept() {
    m_settings->setThreadCount(m_threads->value());
    m_settings->setLanguage(m_language->currentData().toString());
    m_settings->setTheme(m_theme->currentData().toString());
    m_settings->setWeakLayerSqnrDb(m_weakLayerSqnr->value());
    m_settings->setSensitivityImages(m_sensitivityImages->value());
    m_settings->setModelsFolder(QDir::fromNativeSeparators(m_modelsFolder->text()));
    m_settings->setDataFolder(QDir::fromNativeSeparators(m_dataFolder->text()));
    m_settings->setOutputFolder(QDir::fromNativeSeparators(m_outputFolder->text()));
    QDialog::accept();
}

} // namespace qs
