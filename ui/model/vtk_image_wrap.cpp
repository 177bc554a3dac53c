#include "model/vtk_image_wrap.h"

#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>
#include <vtkUnsignedCharArray.h>

namespace tvui {
namespace {

template <typename ArrayT, typename T>
vtkSmartPointer<vtkImageData> wrap(const tv::Image<T>& img, bool patientFrame, const char* name) {
    const tv::ImageGeometry& g = img.geometry();
    auto data = vtkSmartPointer<vtkImageData>::New();
    data->SetDimensions(g.size[0], g.size[1], g.size[2]);
    data->SetSpacing(g.spacing.x(), g.spacing.y(), g.spacing.z());
    if (patientFrame) {
        data->SetOrigin(g.origin.x(), g.origin.y(), g.origin.z());
        double m[9];
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) m[r * 3 + c] = g.direction(r, c);
        data->SetDirectionMatrix(m);
    } else {
        data->SetOrigin(0.0, 0.0, 0.0);
    }
    auto array = vtkSmartPointer<ArrayT>::New();
    array->SetName(name);
    array->SetNumberOfComponents(1);
    // VTK's API is non-const; the arrays are only read (views never write voxels through VTK).
    array->SetArray(const_cast<T*>(img.data()), static_cast<vtkIdType>(img.voxelCount()), 1);
    data->GetPointData()->SetScalars(array);
    return data;
}

}  // namespace

vtkSmartPointer<vtkImageData> wrapInPatientFrame(const tv::CtVolume& volume) {
    return wrap<vtkShortArray>(volume.hu, true, "HU");
}
vtkSmartPointer<vtkImageData> wrapInPatientFrame(const tv::LabelMap& labels) {
    return wrap<vtkUnsignedCharArray>(labels, true, "labels");
}
vtkSmartPointer<vtkImageData> wrapInIndexFrame(const tv::CtVolume& volume) {
    return wrap<vtkShortArray>(volume.hu, false, "HU");
}
vtkSmartPointer<vtkImageData> wrapInIndexFrame(const tv::LabelMap& labels) {
    return wrap<vtkUnsignedCharArray>(labels, false, "labels");
}

}  // namespace tvui
