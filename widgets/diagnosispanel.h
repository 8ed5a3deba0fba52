#pragma once
// The diagnosis of weak layers: one entry per layer whose SQNR is below a threshold, with what is wrong (a
// title and a sentence) and the fixes that may help, one button each. Choosing a fix asks the owner for a
// preview (fixPreviewRequested); the owner answers with setFixPreview() and the panel draws the layer's
// histogram with the current grid and the grid the fix would give, before anything changes. "Apply" asks the
// owner to apply the fix (fixRequested), which it does through one undo command and then sends the new
// diagnoses.
//
// The panel only shows what it is given: the owner computes the diagnoses (again when thresholdChanged()).

#include "histogramview.h"
#include "report/errorbands.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <limits>

class QAbstractButton;
class QButtonGroup;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace qs {

/// What is wrong with one weak layer.
struct DiagnosisRow {
    QString layer; ///< node name
    double sqnrDb = std::numeric_limits<double>::quiet_NaN();
    QString kindTitle; ///< short name of the problem, e.g. "Outliers stretch the range"
    QString reason;    ///< one or two sentences explaining it with the layer's numbers
    QStringList fixes; ///< labels of the fixes that may help, in the owner's order (fix index = position)
};

/// What a fix would change, for the preview: the tensor's histogram with the grid it has now and the grid the
/// fix would give.
struct FixPreview {
    QString title; ///< e.g. "conv3 weight"
    Histogram histogram;
    QuantGrid currentGrid;
    QuantGrid fixGrid;
};

class DiagnosisPanel : public QWidget {
    Q_OBJECT
public:
    explicit DiagnosisPanel(QWidget* parent = nullptr);

    /// Shows `diagnoses` in the given order. The chosen fix and its preview stay when the same layer still
    /// offers the same fix at the same index; otherwise the preview is cleared.
    void setDiagnoses(const QVector<DiagnosisRow>& diagnoses);
    const QVector<DiagnosisRow>& diagnoses() const { return m_diagnoses; }

    /// Sets the threshold shown (dB) without emitting thresholdChanged().
    void setThresholdDb(double thresholdDb);
    double thresholdDb() const;
    /// Bands that colour the layers' SQNR (the default bands until set).
    void setErrorBands(const ErrorBands& bands);

    /// Chooses fix `fixIndex` of `layer` (of its first diagnosis offering it, when the layer has several) as
    /// if its button was clicked: emits fixPreviewRequested() and shows "computing" until setFixPreview()
    /// answers. Ignored for a fix that is not shown.
    void chooseFix(const QString& layer, int fixIndex);
    /// Layer and index of the chosen fix; empty and -1 when none.
    QString chosenLayer() const { return m_chosenLayer; }
    int chosenFix() const { return m_chosenFix; }
    /// Shows the preview of fix `fixIndex` of `layer`; ignored unless that fix is the chosen one.
    void setFixPreview(const QString& layer, int fixIndex, const FixPreview& preview);
    /// Shows why the preview of the chosen fix cannot be drawn; ignored unless that fix is the chosen one.
    void setFixPreviewUnavailable(const QString& layer, int fixIndex, const QString& message);
    bool hasFixPreview() const { return m_hasPreview; }

    /// "No layer below 20.0 dB" while there are no diagnoses; empty otherwise.
    QString emptyText() const;
    /// The line above the preview (a hint, "computing…", or what the preview shows).
    QString previewStatusText() const;
    /// The text shown for diagnosis `index`: its title line and its reason (plain text).
    QString diagnosisText(int index) const;

    HistogramView* previewView() const { return m_preview; }
    QDoubleSpinBox* thresholdSpinBox() const { return m_threshold; }
    /// The button of fix `fixIndex` of diagnosis `diagnosisIndex`; nullptr when there is none.
    QAbstractButton* fixButton(int diagnosisIndex, int fixIndex) const;
    QPushButton* applyButton() const { return m_apply; }

signals:
    /// The user changed the threshold (dB); the owner answers with setDiagnoses().
    void thresholdChanged(double thresholdDb);
    /// The user chose a fix; the owner answers with setFixPreview() or setFixPreviewUnavailable().
    void fixPreviewRequested(const QString& layer, int fixIndex);
    /// The user asked to apply the chosen fix.
    void fixRequested(const QString& layer, int fixIndex);
    /// The user clicked a diagnosis.
    void layerClicked(const QString& layer);

private:
    QWidget* createPreview();
    void rebuildCards();
    QWidget* createCard(int index);
    void onFixClicked(int diagnosisIndex, int fixIndex);
    void clearPreview(const QString& status);
    void updateApplyButton();
    void updateEmptyText();
    void highlightChosenCard();
    /// The first diagnosis of `layer` offering fix `fixIndex` (labelled `label` when given), or -1.
    int diagnosisIndexOf(const QString& layer, int fixIndex, const QString& label = {}) const;
    QString fixLabel(int diagnosisIndex, int fixIndex) const;

    QDoubleSpinBox* m_threshold = nullptr;
    QLabel* m_count = nullptr;
    QStackedWidget* m_listStack = nullptr;
    QLabel* m_empty = nullptr;
    QWidget* m_cardsHolder = nullptr;
    QVBoxLayout* m_cardsLayout = nullptr;
    QVector<QWidget*> m_cards;
    QVector<QVector<QAbstractButton*>> m_fixButtons;
    QVector<QString> m_cardTexts;
    QButtonGroup* m_fixGroup = nullptr;
    QLabel* m_previewStatus = nullptr;
    HistogramView* m_preview = nullptr;
    QPushButton* m_apply = nullptr;

    QVector<DiagnosisRow> m_diagnoses;
    ErrorBands m_bands;
    int m_chosenDiagnosis = -1; ///< index in m_diagnoses of the chosen fix's diagnosis
    QString m_chosenLayer;
    int m_chosenFix = -1;
    bool m_hasPreview = false;
};

} // namespace qs
