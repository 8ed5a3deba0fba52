#pragma once
// The user's preferences, typed and with their defaults, stored in the application's QSettings under keys
// that other parts of the studio read as well (keep them stable):
//
//     engine/threads              int     engine threads, 0 = all cores                       (0)
//     ui/language                 string  "system", "en" or "zh_CN"; read once at start-up    ("system")
//     ui/theme                    string  "system", "light" or "dark"                         ("system")
//     analysis/weakLayerSqnrDb    double  a layer whose SQNR is below this is weak            (20 dB)
//     analysis/sensitivityImages  int     most evaluation images a sensitivity run uses       (64)
//     folders/models              string  where Open Model starts; empty = the last folder used
//     folders/data                string  where the calibration / evaluation folder choosers start
//     folders/output              string  where Export starts
//
// Not a singleton: the main window owns one and hands it to whoever needs it. Setters write at once and emit
// changed() only when the stored value really changes; values out of range are brought into range.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace qs {

class AppSettings : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kThreadsKey = "engine/threads";
    static constexpr const char* kLanguageKey = "ui/language";
    static constexpr const char* kThemeKey = "ui/theme";
    static constexpr const char* kWeakLayerSqnrKey = "analysis/weakLayerSqnrDb";
    static constexpr const char* kSensitivityImagesKey = "analysis/sensitivityImages";
    static constexpr const char* kModelsFolderKey = "folders/models";
    static constexpr const char* kDataFolderKey = "folders/data";
    static constexpr const char* kOutputFolderKey = "folders/output";

    static constexpr int kDefaultThreadCount = 0;
    static constexpr double kDefaultWeakLayerSqnrDb = 20.0;
    static constexpr int kDefaultSensitivityImages = 64;
    static constexpr int kMaximumSensitivityImages = 100000;
    /// The value of "language" and "theme" that follows the system.
    static QString systemValue() { return QStringLiteral("system"); }

    explicit AppSettings(QObject* parent = nullptr);

    /// Every value ui/language accepts, "system" first.
    static QStringList languages();
    /// Every value ui/theme accepts, "system" first.
    static QStringList themes();

    int threadCount() const;
    void setThreadCount(int threads);
    QString language() const;
    void setLanguage(const QString& language);
    QString theme() const;
    void setTheme(const QString& theme);
    double weakLayerSqnrDb() const;
    void setWeakLayerSqnrDb(double sqnrDb);
    int sensitivityImages() const;
    void setSensitivityImages(int images);
    QString modelsFolder() const;
    void setModelsFolder(const QString& folder);
    QString dataFolder() const;
    void setDataFolder(const QString& folder);
    QString outputFolder() const;
    void setOutputFolder(const QString& folder);

    /// Removes every preference, so that each getter returns its default.
    void restoreDefaults();

signals:
    /// Some preference changed (re-read what you use).
    void changed();
    /// ui/theme changed; what applies a theme at run time connects here.
    void themeChanged(const QString& theme);

private:
    QVariant value(const char* key, const QVariant& defaultValue) const;
    /// Stores `value` under `key` and emits changed() (callers check that the value differs).
    void store(const char* key, const QVariant& value);
    /// Every preference, in a fixed order (to tell whether any changed).
    QVariantList values() const;
};

} // namespace qs
