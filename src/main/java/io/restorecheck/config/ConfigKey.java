package io.restorecheck.config;

import com.typesafe.config.ConfigUtil;

/** Keys with dots or dashes must be quoted to be used as HOCON paths. */
final class ConfigKey {
    private ConfigKey() {
    }

    static String quote(String key) {
        return ConfigUtil.joinPath(key);
    }
}
