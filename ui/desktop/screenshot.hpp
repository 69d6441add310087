#pragma once
// Captures a window as it is drawn, into a PNG. Under Xvfb there is no window manager (no title
// bar, the frame sits at 0,0), so the window itself is copied rather than the screen.
#include <string>

#include "base/result.hpp"

class wxWindow;

namespace rb::desktop {

// Paints pending updates first, then copies the window's pixels.
rb::Status save_window_png(wxWindow* window, const std::string& path);

}  // namespace rb::desktop
