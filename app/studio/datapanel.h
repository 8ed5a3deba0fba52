#pragma once
// The "Data" dock: the calibration and evaluation folders (chosen, or dropped on their boxes), what a scan
// found in each (images, files skipped and why, class labels, a few thumbnails), the preprocessing editor,
// and a preview of the exact tensor the model gets for the first calibration image, with a warning when its
// statistics look wrong for the preprocessing. Scans run on the task runner's background lane.

#include "data/imagefolder.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace qs {

class AppSettings;
class Document;
class PreprocessEditor;
class StrategyEditor;
class TaskRunner;
class TensorPreview;

class DataPanel : public QWidget {
    Q_OBJECT
public:
    DataPanel(Document* document, StrategyEditor* editor, TaskRunner* runner, QWidget* parent = nullptr);

    PreprocessEditor* preprocessEditor() const { return m_preprocess; }
    TensorPreview* tensorPreview() const { return m_preview; }
    QLabel* calibrationSummary() const { return m_calibrationSummary; }
    QLabel* evaluationSummary() const { return m_evaluationSummary; }
    QListWidget* thumbnails() const { return m_thumbnails; }
    /// "Estimated memory for calibration: …", red with what to do when it is above the default limit.
    QLabel* memoryEstimate() const { return m_memoryEstimate; }

    /// Asks for a folder and makes it the calibration (or evaluation) folder. The chooser starts in the
    /// folder chosen already, else in the preferred data folder (when `settings` were given), else in the
    /// model's.
    void chooseFolder(bool calibration);
    void setAppSettings(const AppSettings* settings) { m_settings = settings; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QGroupBox* createFolderBox(const QString& title, bool calibration);
    void onModelChanged();
    void onDataSettingsChanged();
    void scan(bool calibration);
    void showScan(bool calibration, const ImageFolderScan& scan, const QString& error);
    void updatePreview();
    void updateMemoryEstimate();

    Document* m_document = nullptr;
    const AppSettings* m_settings = nullptr;
    StrategyEditor* m_editor = nullptr;
    TaskRunner* m_runner = nullptr;
    QGroupBox* m_calibrationBox = nullptr;
    QGroupBox* m_evaluationBox = nullptr;
    QLabel* m_calibrationPath = nullptr;
    QLabel* m_evaluationPath = nullptr;
    QLabel* m_calibrationSummary = nullptr;
    QLabel* m_evaluationSummary = nullptr;
    QListWidget* m_thumbnails = nullptr;
    QLabel* m_memoryEstimate = nullptr;
    std::vector<int64_t> m_previewDims; ///< one preprocessed sample of the previewed image
    PreprocessEditor* m_preprocess = nullptr;
    TensorPreview* m_preview = nullptr;
    QString m_previewImage;
    QString m_scannedCalibration;
    QString m_scannedEvaluation;
};

} // namespace qs
