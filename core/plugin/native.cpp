#include "plugin/native.hpp"

#include <boost/dll/shared_library.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <mutex>

#include "i18n/i18n.hpp"

namespace rb::plugin {
namespace {

// Libraries are never unloaded: unloading is a known source of crashes when any object, vtable
// or function pointer from the library is still around. The process exit is the only unload.
std::vector<boost::dll::shared_library>& loaded_libraries() {
    static std::vector<boost::dll::shared_library> libs;
    return libs;
}
std::mutex& libraries_mutex() {
    static std::mutex m;
    return m;
}

class Collector : public api::Registrar {
public:
    void add_rules(const std::string& type_id, std::shared_ptr<const api::RuleSet> rules) override {
        if (rules) ext.rules[type_id].push_back(std::move(rules));
    }
    void add_drafter(const std::string& type_id, const std::string& section_id,
                     std::shared_ptr<const api::Drafter> drafter) override {
        if (drafter) ext.drafters[{type_id, section_id}] = std::move(drafter);
    }
    void log_info(const std::string& message) override { spdlog::info("plugin: {}", message); }
    void add_exporter(std::shared_ptr<const api::Exporter> exporter) override {
        if (exporter) ext.exporters.push_back(std::move(exporter));
    }
    NativeExtensions ext;
};

}  // namespace

void NativeExtensions::merge(NativeExtensions&& other) {
    for (auto& [type, list] : other.rules)
        for (auto& r : list) rules[type].push_back(std::move(r));
    for (auto& [key, d] : other.drafters) drafters[key] = std::move(d);
    for (auto& e : other.exporters) exporters.push_back(std::move(e));
    for (auto& p : other.plugins) plugins.push_back(std::move(p));
}

Result<NativeExtensions> load_library(const std::string& path) {
    using R = Result<NativeExtensions>;
    std::error_code fs_error;
    if (!std::filesystem::is_regular_file(path, fs_error))
        return R::fail(trf("{}: không có thư viện plugin", path));
    boost::dll::shared_library lib;
    try {
        // rtld_now: an unresolved symbol fails here, as an error we can report, not later as a crash.
        lib.load(path, boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
        return R::fail(trf("{}: không nạp được thư viện: {}", path, e.what()));
    }
    {
        std::lock_guard lock(libraries_mutex());
        loaded_libraries().push_back(lib);
    }
    if (!lib.has("reportbench_api_version"))
        return R::fail(trf("{}: không phải plugin ReportBench (thiếu reportbench_api_version)", path));
    int version = 0;
    try {
        version = lib.get_alias<api::ApiVersion>("reportbench_api_version")();
    } catch (...) {
        return R::fail(trf("{}: không đọc được phiên bản API của plugin", path));
    }
    if (version != api::kApiVersion)
        return R::fail(trf("{}: plugin được biên dịch cho API phiên bản {}, chương trình dùng phiên bản {}", path,
                           version, api::kApiVersion));
    if (!lib.has("reportbench_create_plugin"))
        return R::fail(trf("{}: plugin không có hàm tạo (reportbench_create_plugin)", path));
    Collector collector;
    try {
        std::shared_ptr<api::Plugin> plugin = lib.get_alias<api::Factory>("reportbench_create_plugin")();
        if (!plugin) return R::fail(trf("{}: hàm tạo plugin không trả về đối tượng nào", path));
        plugin->register_with(collector);
        collector.ext.plugins.push_back(std::move(plugin));
    } catch (const std::exception& e) {
        return R::fail(trf("{}: plugin gặp lỗi khi khởi tạo: {}", path, e.what()));
    } catch (...) {
        return R::fail(trf("{}: plugin gặp lỗi khi khởi tạo", path));
    }
    return R::ok(std::move(collector.ext));
}

}  // namespace rb::plugin
