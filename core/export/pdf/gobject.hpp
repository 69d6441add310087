#pragma once
// GLib objects (Pango layouts, font maps) owned by unique_ptr: released with g_object_unref.
#include <glib-object.h>

#include <memory>

namespace rb::exporting {

struct GObjectDeleter {
    void operator()(void* p) const {
        if (p) g_object_unref(p);
    }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectDeleter>;

}  // namespace rb::exporting
