#include <vtk_glew.h>  // first: GLEW must precede any other GL header

#include "vtkhost/vtk_gl_frame.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>

namespace tvui::detail {

void resetVtkGlState(vtkGenericOpenGLRenderWindow* window) { window->GetState()->Reset(); }

void renderVtkIntoFramebuffer(vtkGenericOpenGLRenderWindow* window, unsigned int targetFbo, bool forceOpaqueAlpha) {
    vtkOpenGLState* state = window->GetState();
    state->Reset();  // Qt changed GL state behind VTK's cache
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    window->Render();

    const int* sz = window->GetSize();
    vtkOpenGLFramebufferObject* source = window->GetSwapBuffers() ? window->GetDisplayFramebuffer() : window->GetRenderFramebuffer();
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
    if (source && !window->GetSwapBuffers() && window->GetMultiSamples() == 0) {
        // Without swap-buffers VTK leaves the frame in its render framebuffer and skips the copy to its
        // display framebuffer: one full-frame copy less, which matters with software OpenGL.
        source->Bind(GL_READ_FRAMEBUFFER);
        source->ActivateReadBuffer(0);
        state->vtkglBlitFramebuffer(0, 0, sz[0], sz[1], 0, 0, sz[0], sz[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);
    } else {
        window->BlitDisplayFramebuffer(0, 0, 0, sz[0], sz[1], 0, 0, sz[0], sz[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }

    if (forceOpaqueAlpha) {
        // Opaque alpha, or Mesa composites the view with the window background.
        state->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
        state->vtkglClearColor(0.0, 0.0, 0.0, 1.0);
        state->vtkglClear(GL_COLOR_BUFFER_BIT);
        state->vtkglColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    }
    state->Pop();
}

}  // namespace tvui::detail
