package crosswatch.app;

import crosswatch.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/** The node's own meters: what runs where ({@code crosswatch.info}) and the JVM's health. */
final class NodeMeters {
  private NodeMeters() {}

  /** Binds the meters; the returned handle unbinds the GC listener, the one binder that holds resources. */
  static AutoCloseable bind(MeterRegistry registry, String version, String nodeName) {
    Gauge.builder(Meters.INFO, () -> 1)
        .description(Meters.INFO_HELP)
        .tag(Meters.VERSION, version)
        .tag(Meters.NODE, nodeName)
        .register(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    var gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }
}
