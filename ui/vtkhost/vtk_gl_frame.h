#pragma once
// The OpenGL-state part of the VTK-in-Qt bridge, kept in its own translation unit because VTK's
// GLEW header and Qt's OpenGL headers cannot be included together.
class vtkGenericOpenGLRenderWindow;

namespace tvui::detail {

/// Right after the context was created: forget any cached GL state.
void resetVtkGlState(vtkGenericOpenGLRenderWindow* window);

/// Renders `window` and blits its frame into framebuffer `targetFbo` (0: the window's back
/// buffer), then, when `forceOpaqueAlpha`, sets alpha to 1 there.
void renderVtkIntoFramebuffer(vtkGenericOpenGLRenderWindow* window, unsigned int targetFbo, bool forceOpaqueAlpha);

/// Renders `window` the same way and reads its frame into `rgba` (width x height x 4 bytes of the
/// window's size, rows bottom-up as OpenGL stores them); alpha set to 255 when `forceOpaqueAlpha`.
void renderVtkAndRead(vtkGenericOpenGLRenderWindow* window, unsigned char* rgba, bool forceOpaqueAlpha);

}  // namespace tvui::detail
