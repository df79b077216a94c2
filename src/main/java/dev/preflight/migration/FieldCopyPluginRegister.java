package dev.preflight.migration;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.extensibility.ConfigurationExtension;
import org.flywaydb.core.extensibility.Plugin;
import org.flywaydb.core.internal.plugin.PluginRegister;

/**
 * Flyway's plugin register, copied field by field: each Flyway instance copies the register of the configuration it
 * is made from, and Flyway's own copy sends every configuration extension through a new Jackson mapper (JSON out and
 * back in), 40-110 ms of CPU per command here (a mapper that introspects each class anew, in the quick compiler's
 * code). This copy makes the same new objects: a configuration extension's fields, nested Flyway beans copied in turn,
 * collections as new collections; any other plugin, or an extension with a copy of its own or with a field of an
 * unknown type, is copied by Flyway's own {@code copy()}. When Flyway's register has changed shape (its fields renamed),
 * Flyway's own copy runs.
 */
final class FieldCopyPluginRegister extends PluginRegister {

    /** The register's plugins and its loaded flag (private to Flyway's class; null when a Flyway version renamed them). */
    private static final Field PLUGINS = registerField("REGISTERED_PLUGINS");
    private static final Field LOADED = registerField("hasRegisteredPlugins");

    @Override
    public PluginRegister getCopy() {
        if (PLUGINS == null || LOADED == null) {
            return super.getCopy();
        }
        try {
            getInstanceOf(Plugin.class); // loads the plugins (Flyway's ServiceLoader pass) when nothing has yet
            FieldCopyPluginRegister copy = new FieldCopyPluginRegister();
            @SuppressWarnings("unchecked")
            List<Plugin> target = (List<Plugin>) PLUGINS.get(copy);
            @SuppressWarnings("unchecked")
            List<Plugin> plugins = (List<Plugin>) PLUGINS.get(this);
            target.clear();
            for (Plugin p : plugins) {
                target.add(copyOf(p));
            }
            LOADED.setBoolean(copy, true);
            return copy;
        } catch (IllegalAccessException e) {
            return super.getCopy();
        }
    }

    static Plugin copyOf(Plugin plugin) {
        if (!(plugin instanceof ConfigurationExtension) || ownCopy(plugin.getClass())) {
            return plugin.copy();
        }
        Object copy = copyBean(plugin);
        return copy != null ? (Plugin) copy : plugin.copy();
    }

    /** Whether the class (or a superclass) has a copy other than the JSON round trip of {@link ConfigurationExtension}. */
    private static boolean ownCopy(Class<?> type) {
        try {
            return type.getMethod("copy").getDeclaringClass() != ConfigurationExtension.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** A new instance with copies of the bean's fields, or null when a field holds something this cannot copy. */
    private static Object copyBean(Object bean) {
        try {
            Constructor<?> constructor = bean.getClass().getDeclaredConstructor();
            constructor.setAccessible(true);
            Object copy = constructor.newInstance();
            for (Class<?> c = bean.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    Object value = f.get(bean);
                    Object copied = copyValue(value);
                    if (value != null && copied == null) {
                        return null;
                    }
                    f.set(copy, copied);
                }
            }
            return copy;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // no no-argument constructor, a final field, a module that refuses access: Flyway's copy
        }
    }

    /** A copy of a field's value (immutable values as they are), or null when its type is unknown here. */
    private static Object copyValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof List<?> list) {
            return copyAll(list, new ArrayList<>());
        }
        if (value instanceof Set<?> set) {
            return copyAll(set, new LinkedHashSet<>());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object k = copyValue(e.getKey());
                Object v = copyValue(e.getValue());
                if ((e.getKey() != null && k == null) || (e.getValue() != null && v == null)) {
                    return null;
                }
                copy.put(k, v);
            }
            return copy;
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            Object copy = Array.newInstance(value.getClass().getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Object element = Array.get(value, i);
                Object copied = copyValue(element);
                if (element != null && copied == null) {
                    return null;
                }
                Array.set(copy, i, copied);
            }
            return copy;
        }
        // a bean of Flyway's own configuration model (PostgreSQL's TransactionalModel, say), copied in turn
        return value.getClass().getName().startsWith("org.flywaydb.") ? copyBean(value) : null;
    }

    private static <C extends java.util.Collection<Object>> C copyAll(java.util.Collection<?> from, C to) {
        for (Object o : from) {
            Object copied = copyValue(o);
            if (o != null && copied == null) {
                return null;
            }
            to.add(copied);
        }
        return to;
    }

    private static Field registerField(String name) {
        try {
            Field f = PluginRegister.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
