#include "base/logging.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "base/paths.hpp"

namespace rb::logging {

std::string log_file(const std::string& program) {
    return paths::text_of(paths::fs_path(paths::user_data_dir()) / "logs" / paths::fs_path(program + ".log"));
}

void init(const std::string& program, bool console) {
    std::vector<spdlog::sink_ptr> sinks;
    try {
        const auto path = log_file(program);
        std::filesystem::create_directories(paths::fs_path(path).parent_path());
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, 1 << 20, 3));
    } catch (const std::exception&) {
        // A read-only home must not stop the program; only the log is lost.
    }
    if (console) {
        auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        err->set_level(spdlog::level::debug);
        sinks.push_back(err);
    }
    auto logger = std::make_shared<spdlog::logger>(program, sinks.begin(), sinks.end());
    logger->set_level(console ? spdlog::level::debug : spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

}  // namespace rb::logging
