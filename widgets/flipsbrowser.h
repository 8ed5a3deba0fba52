#pragma once
// Browser of the images quantization changed: a sortable table of evaluated images (see ImageOutcomeModel),
// by default only those whose top-1 class changed, and for the chosen image the picture, both predictions
// and the layer-by-layer error of the quantized run against the float run, in graph order, marking the layer
// where the error first drops below the "fair" band ("diverges at conv3").
//
// The layer errors are computed by the owner: choosing an image emits imageChosen(); the owner calls
// setLayerErrorsPending() while it runs both models on that image and setLayerErrors() with the result.
// Results for an image that is no longer the chosen one are ignored.

#include "imageoutcomemodel.h"
#include "report/errorbands.h"

#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace qs {

class LayerErrorDelegate;

class FlipsBrowser : public QWidget {
    Q_OBJECT
public:
    /// Per-layer SQNR (dB) of the quantized run against the float run, in graph order; NaN for a layer that
    /// was not compared.
    using LayerErrors = QVector<QPair<QString, double>>;

    explicit FlipsBrowser(QWidget* parent = nullptr);

    /// Shows the outcomes of an evaluation and forgets the chosen image. Lists the flipped images when there
    /// are any, every image otherwise.
    void setOutcomes(const QVector<ImageOutcomeRow>& outcomes);
    void setClassNames(const QStringList& names);
    /// Bands that judge the layer errors (the default bands until set).
    void setErrorBands(const ErrorBands& bands);

    void setImageFilter(ImageFilter filter);
    ImageFilter imageFilter() const;

    /// Chooses the image at `filePath` as if the user clicked its row (every image is listed if the filter
    /// hides it). Emits imageChosen() when the choice changes.
    void chooseImage(const QString& filePath);
    /// Path of the chosen image, empty if none.
    QString chosenImage() const { return m_chosenPath; }

    /// Shows that the layer errors of `filePath` are being computed; ignored unless it is the chosen image.
    void setLayerErrorsPending(const QString& filePath);
    /// Shows the layer errors of `filePath`; ignored unless it is the chosen image.
    void setLayerErrors(const QString& filePath, const LayerErrors& errors);
    /// Layer errors shown (empty while none are).
    const LayerErrors& layerErrors() const { return m_layerErrors; }
    /// Index in `errors` of the first layer whose SQNR is below `fairSqnrDb`, or -1 (NaN never counts).
    static int divergenceIndex(const LayerErrors& errors, double fairSqnrDb);
    /// Name of the layer where the shown errors first drop below the fair band; empty if none.
    QString divergenceLayer() const;

    /// "12 of 500 images change their top-1 class".
    QString summaryText() const;
    /// The line above the layer list: "Diverges at conv3 …", "Computing …", or a hint.
    QString layerStatusText() const;
    /// Text shown instead of the picture (a hint, or why the file cannot be read); empty while a picture is
    /// shown.
    QString imageMessageText() const;
    /// Whether the chosen image's picture is shown.
    bool isImageShown() const;
    /// The two predictions of the chosen image as shown (plain text).
    QString predictionText() const;

    ImageOutcomeModel* outcomeModel() const { return m_model; }
    ImageOutcomeProxyModel* proxyModel() const { return m_proxy; }
    QTableView* tableView() const { return m_table; }
    QTreeWidget* layerList() const { return m_layers; }

signals:
    /// The user (or chooseImage()) chose the image at `filePath`.
    void imageChosen(const QString& filePath);
    /// The user clicked the row of `layer` in the layer errors.
    void layerClicked(const QString& layer);

private:
    QWidget* createDetails();
    void onCurrentRowChanged();
    void showChosen();
    void showPicture();
    void showLayerErrors();
    void setLayerStatus(const QString& text);
    void updateSummary();
    void updateFilterChoices();

    ImageOutcomeModel* m_model = nullptr;
    ImageOutcomeProxyModel* m_proxy = nullptr;
    QLabel* m_summary = nullptr;
    QComboBox* m_filter = nullptr;
    QTableView* m_table = nullptr;
    QStackedWidget* m_pictureStack = nullptr;
    QLabel* m_picture = nullptr;
    QLabel* m_pictureMessage = nullptr;
    QLabel* m_fileName = nullptr;
    QLabel* m_predictions = nullptr;
    QLabel* m_layerStatus = nullptr;
    QTreeWidget* m_layers = nullptr;
    LayerErrorDelegate* m_layerDelegate = nullptr;
    bool m_filtering = false; ///< the filter is changing: row moves are not choices

    ErrorBands m_bands;
    QString m_chosenPath;
    LayerErrors m_layerErrors;
    bool m_layerErrorsPending = false;
};

} // namespace qs
