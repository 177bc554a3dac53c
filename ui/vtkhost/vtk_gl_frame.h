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

/// While `window` renders (between its Start and its renderers drawing, e.g. in a renderer's
/// StartEvent): copies `rgba` (the window's size, 4 bytes per pixel, rows bottom-up) into VTK's
/// render framebuffer as the frame's background and clears the depth buffer. An upload, no
/// fragment shading (with software OpenGL a full-view textured quad costs 15-20 ms). Returns false
/// when the framebuffer is not a plain RGBA8 texture of that size (multisampling); nothing is done.
bool writeFrameBackground(vtkGenericOpenGLRenderWindow* window, const unsigned char* rgba, int width, int height);

}  // namespace tvui::detail
