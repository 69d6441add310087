#include "export/exporter.hpp"

#include <algorithm>

namespace rb::exporting {

void ExporterRegistry::add(std::shared_ptr<const Exporter> e) {
    if (!e) return;
    auto same = [&](const auto& x) { return x->id() == e->id(); };
    if (auto it = std::find_if(exporters_.begin(), exporters_.end(), same); it != exporters_.end())
        *it = std::move(e);
    else
        exporters_.push_back(std::move(e));
}

const Exporter* ExporterRegistry::find(std::string_view id) const {
    for (const auto& e : exporters_)
        if (e->id() == id) return e.get();
    return nullptr;
}

}  // namespace rb::exporting
