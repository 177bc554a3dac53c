#include <vtk_glew.h>  // first: GLEW must precede any other GL header

#include "vtkhost/vtk_gl_frame.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkTextureObject.h>

#include <cstddef>

namespace tvui::detail {

void resetVtkGlState(vtkGenericOpenGLRenderWindow* window) { window->GetState()->Reset(); }

namespace {

/// Renders with VTK's state cache reset and pushed (Qt changed GL state behind it); the caller
/// pops it. Returns the framebuffer holding the finished frame, bound for reading, or nullptr
/// when VTK left it in its display framebuffer (read it through BlitDisplayFramebuffer).
vtkOpenGLFramebufferObject* renderAndBindFrame(vtkGenericOpenGLRenderWindow* window) {
    vtkOpenGLState* state = window->GetState();
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    window->Render();
    // Without swap-buffers VTK leaves the frame in its render framebuffer and skips the copy to its
    // display framebuffer: one full-frame copy less, which matters with software OpenGL.
    if (window->GetSwapBuffers() || window->GetMultiSamples() != 0) return nullptr;
    vtkOpenGLFramebufferObject* source = window->GetRenderFramebuffer();
    if (!source) return nullptr;
    source->Bind(GL_READ_FRAMEBUFFER);
    source->ActivateReadBuffer(0);
    return source;
}

}  // namespace

void renderVtkIntoFramebuffer(vtkGenericOpenGLRenderWindow* window, unsigned int targetFbo, bool forceOpaqueAlpha) {
    vtkOpenGLState* state = window->GetState();
    vtkOpenGLFramebufferObject* source = renderAndBindFrame(window);
    const int* sz = window->GetSize();
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
    if (source)
        state->vtkglBlitFramebuffer(0, 0, sz[0], sz[1], 0, 0, sz[0], sz[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);
    else
        window->BlitDisplayFramebuffer(0, 0, 0, sz[0], sz[1], 0, 0, sz[0], sz[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);

    if (forceOpaqueAlpha) {
        // Opaque alpha, or the view may be composited with what lies behind it.
        state->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
        state->vtkglClearColor(0.0, 0.0, 0.0, 1.0);
        state->vtkglClear(GL_COLOR_BUFFER_BIT);
        state->vtkglColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    }
    state->Pop();
}

void renderVtkAndRead(vtkGenericOpenGLRenderWindow* window, unsigned char* rgba, bool forceOpaqueAlpha) {
    vtkOpenGLState* state = window->GetState();
    if (!renderAndBindFrame(window)) window->GetDisplayFramebuffer()->Bind(GL_READ_FRAMEBUFFER);
    const int* sz = window->GetSize();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, sz[0], sz[1], GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    if (forceOpaqueAlpha) {
        const std::size_t n = static_cast<std::size_t>(sz[0]) * static_cast<std::size_t>(sz[1]);
        for (std::size_t q = 0; q < n; ++q) rgba[4 * q + 3] = 255;
    }
    state->Pop();
}

bool writeFrameBackground(vtkGenericOpenGLRenderWindow* window, const unsigned char* rgba, int width, int height) {
    vtkOpenGLFramebufferObject* fbo = window->GetRenderFramebuffer();
    vtkTextureObject* color = fbo ? fbo->GetColorAttachmentAsTextureObject(0) : nullptr;
    if (!color || color->GetTarget() != GL_TEXTURE_2D || color->GetComponents() != 4 ||
        static_cast<int>(color->GetWidth()) != width || static_cast<int>(color->GetHeight()) != height)
        return false;
    color->Activate();
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    color->Deactivate();
    vtkOpenGLState* state = window->GetState();
    state->vtkglDepthMask(GL_TRUE);
    state->vtkglClear(GL_DEPTH_BUFFER_BIT);
    return true;
}

}  // namespace tvui::detail
