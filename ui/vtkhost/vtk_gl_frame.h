#pragma once
// The OpenGL-state part of the VTK-in-Qt bridge, kept in its own translation unit because VTK's
// GLEW header and Qt's OpenGL headers cannot be included together.
class vtkGenericOpenGLRenderWindow;

namespace tvui::detail {

/// Right after the context was created: forget any cached GL state.
void resetVtkGlState(vtkGenericOpenGLRenderWindow* window);

/// Renders `window` and blits its frame into framebuffer object `targetFbo` (Qt's
/// defaultFramebufferObject()), then, when `forceOpaqueAlpha`, sets alpha to 1 there.
void renderVtkIntoFramebuffer(vtkGenericOpenGLRenderWindow* window, unsigned int targetFbo, bool forceOpaqueAlpha);

}  // namespace tvui::detail
