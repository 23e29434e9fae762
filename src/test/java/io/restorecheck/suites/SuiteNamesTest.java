package io.restorecheck.suites;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every suite has a readable name: Allure shows it as the suite, else the class name (io.restorecheck...). */
class SuiteNamesTest {
    @Test
    void everySuiteClassHasADisplayName() {
        List<Class<?>> all = new ArrayList<>(Suites.smokeClasses());
        for (Suites s : Suites.values()) {
            all.addAll(s.classes());
        }
        for (Class<?> c : all) {
            DisplayName name = c.getAnnotation(DisplayName.class);
            assertNotNull(name, c.getName() + " has no @DisplayName: Allure would show its class name");
            assertFalse(name.value().isBlank(), c.getName());
        }
    }
}
