// Loaded into a JVM app under test with JAVA_TOOL_OPTIONS=-javaagent (reliability S07 only): on
// SIGWINCH (unused by the JVM) it throws from a new thread, outside any request, as a bug in a
// background thread would. The JVM has no unhandled-rejection notion (an unobserved failed
// future is dropped silently), so both fault kinds raise an uncaught exception; the thread name
// says which was asked for.
import java.lang.instrument.Instrumentation;
import sun.misc.Signal;

public final class FaultAgent {
  private FaultAgent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    String kind = System.getenv().getOrDefault("CSB_FAULT_KIND", "uncaught-exception");
    Signal.handle(new Signal("WINCH"), signal -> new Thread(() -> {
      throw new IllegalStateException("csb-fault-canary: " + kind.replace('-', ' '));
    }, "csb-fault-" + kind).start());
  }
}
