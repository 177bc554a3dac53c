// `thromboview screenshot PATH -o out.png [--view axial|coronal|sagittal|3d|2x2] [--preset NAME]
// [--volume-preset lungs|vessels|bone] [--slice N] [--mask labels.nii.gz]... [--size WxH] [--no-text]`: renders a view or the 2x2 layout
// through the viewer's own views into a PNG (for teaching material and reports). Each --mask adds
// an overlay layer (in order, bottom first). PATH "demo" is the built-in synthetic phantom with its
// truth labels. Needs a display (Xvfb is fine): exit code 4
// with a message when none can be opened.
#include <QApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "gui_app.h"
#include "io/nifti_io.h"
#include "io/volume_source.h"
#include "model/demo_case.h"
#include "model/mask_label_tables.h"
#include "model/overlay_model.h"
#include "model/viewer_model.h"
#include "model/window_presets.h"
#include "screenshot/screenshot_renderer.h"
#include "view3d/volume_presets.h"

namespace tvapp {
namespace {

struct ScreenshotOptions {
    std::string path, out, view = "axial", preset, volumePreset, size = "1024x1024", series;
    std::vector<std::string> masks;
    int slice = -1;
    bool noText = false;
};

int runScreenshot(const ScreenshotOptions& o) {
    tvui::ScreenshotRequest req;
    if (o.view == "2x2") req.wholeLayout = true;
    else if (!tvui::parseViewId(QString::fromStdString(o.view), req.view))
        throw tv::InvalidArgumentError("--view: expected axial, coronal, sagittal, 3d or 2x2, found '" + o.view + "'");
    const QRegularExpression sizeRe("^(\\d{2,5})x(\\d{2,5})$");
    const auto m = sizeRe.match(QString::fromStdString(o.size));
    if (!m.hasMatch()) throw tv::InvalidArgumentError("--size: expected WxH such as 1024x768, found '" + o.size + "'");
    req.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    if (req.size.width() > 8192 || req.size.height() > 8192)
        throw tv::InvalidArgumentError("--size: at most 8192x8192, found '" + o.size + "'");
    if (!o.preset.empty() && !tvui::findWindowPreset(QString::fromStdString(o.preset)))
        throw tv::InvalidArgumentError("--preset: expected lung, mediastinum, pulmonary-angiography or bone, found '" + o.preset + "'");
    if (!o.volumePreset.empty()) req.volumePreset = tvui::volumePreset(o.volumePreset).id;  // throws, listing the ids
    if (o.slice >= 0) req.sliceIndex = o.slice;
    req.cornerText = !o.noText;

    auto qapp = makeGuiApplication("screenshot");
    if (!qapp) return kNoDisplay;

    tvui::ViewerModel model;
    tvui::OverlayModel overlay;
    if (o.path == "demo") {
        const tvui::DemoCase d = tvui::makeDemoCase();
        model.setVolume(d.ct);
        if (o.masks.empty()) tvui::addDemoLayer(overlay, d);
    } else {
        model.setVolume(std::make_shared<const tv::CtVolume>(
            tv::loadVolume(o.path, o.series.empty() ? std::nullopt : std::optional<std::string>(o.series))));
    }
    for (const std::string& mask : o.masks) {
        const QString name = QFileInfo(QString::fromStdString(mask)).fileName();
        tv::PlacedLabels placed = tv::readNiftiLabelsPlacedOnGrid(mask, model.volume()->geometry());
        if (placed.replaced)
            std::cerr << "thromboview screenshot: " << mask << ": on another crop of the volume's grid; re-placed, offset "
                      << placed.offsetVoxels[0] << ", " << placed.offsetVoxels[1] << ", " << placed.offsetVoxels[2]
                      << " voxels\n";
        overlay.addLayer(std::make_shared<const tv::LabelMap>(std::move(placed.labels)), name,
                         tvui::labelTableForMask(name, overlay.layerCount()));
    }
    // Several layers: the 3D view's composite is built on a worker thread; shoot once it is in.
    while (overlay.compositePending()) QApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!o.preset.empty()) model.applyPreset(QString::fromStdString(o.preset));
    if (req.sliceIndex) {
        const auto& g = model.volume()->geometry();
        const int axisMax = *std::max_element(g.size.begin(), g.size.end());
        if (*req.sliceIndex >= axisMax)
            throw tv::InvalidArgumentError("--slice " + std::to_string(*req.sliceIndex) + " is outside the volume");
    }

    const QImage img = tvui::renderScreenshot(model, overlay, req);
    if (img.isNull()) {
        std::cerr << "thromboview screenshot: error: the view could not be rendered\n";
        return kInternalError;
    }
    if (!img.save(QString::fromStdString(o.out), "PNG")) {
        std::cerr << "thromboview screenshot: error: cannot write " << o.out << "\n";
        return kOutputError;
    }
    std::cout << o.out << " (" << img.width() << " x " << img.height() << ")\n";
    return kOk;
}

}  // namespace

void registerScreenshotCommand(CLI::App& app, CommandResult& result) {
    static ScreenshotOptions o;
    auto* cmd = app.add_subcommand("screenshot", "Render a view or the 2x2 layout to a PNG (needs a display; Xvfb works)");
    cmd->add_option("PATH", o.path, "DICOM folder or file, NIfTI file, or 'demo' for the synthetic phantom")->required();
    cmd->add_option("-o,--out", o.out, "Output PNG file")->required();
    cmd->add_option("--view", o.view, "axial | coronal | sagittal | 3d | 2x2 (default axial)");
    cmd->add_option("--preset", o.preset, "Window preset: lung, mediastinum, pulmonary-angiography, bone");
    cmd->add_option("--volume-preset", o.volumePreset,
                    "3D preset: lungs, vessels, bone (default: vessels when the blood pool is contrast-enhanced, else lungs)");
    cmd->add_option("--slice", o.slice, "Slice index (0-based voxel index along the view's normal; axial for 2x2)");
    cmd->add_option("--mask", o.masks, "NIfTI label map on the same grid, drawn as an overlay layer; repeat for several")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--size", o.size, "Output size WxH in pixels (default 1024x1024)");
    cmd->add_option("--series", o.series, "SeriesInstanceUID when PATH holds several series");
    cmd->add_flag("--no-text", o.noText, "Hide the corner text (orientation letters stay)");
    cmd->callback([&result] { result.exitCode = runReportingErrors("screenshot", [] { return runScreenshot(o); }); });
}

}  // namespace tvapp
