#include "screenshot.hpp"

#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/image.h>
#include <wx/window.h>

#ifdef __WXGTK__
#include <dlfcn.h>
#endif

#include <filesystem>

#include "i18n/i18n.hpp"
#include "wx_text.hpp"
#include "base/paths.hpp"

namespace rb::desktop {

namespace {

// A capture that came back as one flat colour means the copy did not reach the window's pixels.
bool is_flat(const wxImage& img) {
    const unsigned char* p = img.GetData();
    const std::size_t n = static_cast<std::size_t>(img.GetWidth()) * static_cast<std::size_t>(img.GetHeight());
    for (std::size_t i = 1; i < n; ++i)
        if (p[3 * i] != p[0] || p[3 * i + 1] != p[1] || p[3 * i + 2] != p[2]) return false;
    return true;
}

wxImage copy_from(wxDC& source, const wxPoint& origin, const wxSize& size) {
    wxBitmap bmp(size, 24);
    wxMemoryDC mem(bmp);
    mem.Blit(0, 0, size.x, size.y, &source, origin.x, origin.y);
    mem.SelectObject(wxNullBitmap);
    return bmp.ConvertToImage();
}

#ifdef __WXGTK__
// GDK reads a window's pixels straight from the X server, children included, every time.
// The GTK headers are not part of wx's development package, so the few calls are looked up in
// the process, where wx has loaded GTK already; the wx paths below remain as fallbacks.
wxImage copy_with_gdk(wxWindow* window) {
    using WidgetWindow = void* (*)(void*);
    using FromWindow = void* (*)(void*, int, int, int, int);
    using IntOf = int (*)(const void*);
    using PixelsOf = unsigned char* (*)(const void*);
    using Unref = void (*)(void*);
    auto widget_window = reinterpret_cast<WidgetWindow>(dlsym(RTLD_DEFAULT, "gtk_widget_get_window"));
    auto from_window = reinterpret_cast<FromWindow>(dlsym(RTLD_DEFAULT, "gdk_pixbuf_get_from_window"));
    auto width_of = reinterpret_cast<IntOf>(dlsym(RTLD_DEFAULT, "gdk_pixbuf_get_width"));
    auto height_of = reinterpret_cast<IntOf>(dlsym(RTLD_DEFAULT, "gdk_pixbuf_get_height"));
    auto stride_of = reinterpret_cast<IntOf>(dlsym(RTLD_DEFAULT, "gdk_pixbuf_get_rowstride"));
    auto channels_of = reinterpret_cast<IntOf>(dlsym(RTLD_DEFAULT, "gdk_pixbuf_get_n_channels"));
    auto pixels_of = reinterpret_cast<PixelsOf>(dlsym(RTLD_DEFAULT, "gdk_pixbuf_get_pixels"));
    auto unref = reinterpret_cast<Unref>(dlsym(RTLD_DEFAULT, "g_object_unref"));
    if (!widget_window || !from_window || !width_of || !height_of || !stride_of || !channels_of || !pixels_of || !unref)
        return {};
    void* gdk_window = widget_window(static_cast<void*>(window->GetHandle()));
    if (!gdk_window) return {};
    const wxSize size = window->GetSize();
    void* pixbuf = from_window(gdk_window, 0, 0, size.x, size.y);
    if (!pixbuf) return {};
    const int w = width_of(pixbuf), h = height_of(pixbuf), stride = stride_of(pixbuf), n = channels_of(pixbuf);
    const unsigned char* src = pixels_of(pixbuf);
    wxImage img(w, h, false);
    unsigned char* dst = img.GetData();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c) dst[(y * w + x) * 3 + c] = src[y * stride + x * n + c];
    unref(pixbuf);
    return img;
}
#else
// Elsewhere (Windows) the window DC covers the whole window, menu and status bar included.
wxImage copy_with_gdk(wxWindow*) { return {}; }
#endif

}  // namespace

rb::Status save_window_png(wxWindow* window, const std::string& path) {
    if (!window || !window->IsShownOnScreen()) return rb::Status::fail(tr("Cửa sổ chưa hiển thị nên chưa chụp được"));
    window->Refresh();
    window->Update();
    const wxSize size = window->GetSize();
    wxImage img = copy_with_gdk(window);
    if (!img.IsOk() || is_flat(img)) {
        // On GTK a frame's window DC covers only its client area (no menu bar, toolbar or
        // status bar), so there this is a last resort; on Windows it is the way.
        wxWindowDC dc(window);
        img = copy_from(dc, wxPoint(0, 0), size);
    }
    if (!img.IsOk() || is_flat(img)) return rb::Status::fail(trf("Không chụp được cửa sổ vào {}", path));
    std::error_code ec;
    const std::filesystem::path p = paths::fs_path(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    if (wxImage::FindHandler(wxBITMAP_TYPE_PNG) == nullptr) wxImage::AddHandler(new wxPNGHandler);
    if (!img.SaveFile(wxs(path), wxBITMAP_TYPE_PNG)) return rb::Status::fail(trf("Không ghi được tệp {}", path));
    return ok_status();
}

}  // namespace rb::desktop
