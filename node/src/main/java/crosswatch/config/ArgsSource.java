package crosswatch.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --flag value} and {@code --flag=value} arguments into raw settings by flag name. */
final class ArgsSource {
  private ArgsSource() {}

  static boolean asksForHelp(List<String> args) {
    return args.contains(Flags.HELP.option()) || args.contains("-h");
  }

  static Map<String, Setting> read(List<String> args) {
    var values = new HashMap<String, List<String>>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new Refusal(null, "unexpected argument \"" + UrlText.display(arg) + "\" (flags start with --)");
      }
      int eq = arg.indexOf('=');
      String name = arg.substring(2, eq < 0 ? arg.length() : eq);
      Flag<?> flag = Flags.named(name)
          .orElseThrow(() -> new Refusal(name, "unknown flag (see --help)"));
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new Refusal(name, "missing value " + flag.metavar());
      }
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!list.isEmpty() && flag.arity() != Flag.Arity.REPEATABLE) {
        throw new Refusal(name, "given more than once");
      }
      list.add(value);
    }
    var settings = new HashMap<String, Setting>();
    values.forEach((name, list) -> settings.put(name, new Setting(list, "")));
    return settings;
  }
}
