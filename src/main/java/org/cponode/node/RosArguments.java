package org.cponode.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.TopicNames;
import org.cponode.yaml.YamlErrors;

/**
 * The ROS 2 command-line arguments as {@code ros2 run} and {@code ros2 launch} pass them (ros-conventions §3.1):
 * {@code [app args] --ros-args -r __node:=name -r __ns:=/ns -p name:=value --params-file FILE -r from:=to [--]},
 * in any number of {@code --ros-args} sections. Pure: parsing touches no file (parameter files are read by
 * {@link ParameterFiles}).
 *
 * <p>Accepted: {@code -r}/{@code --remap} with {@code from:=to}, {@code __node:=} (alias {@code __name:=}),
 * {@code __ns:=}, and node-targeted {@code node:from:=to}; {@code -p}/{@code --param name:=yaml-value} (also
 * {@code node:name:=value}); {@code --params-file FILE}; {@code -e}/{@code --enclave NAME}, the SROS 2 enclave
 * (checked with rcl's enclave-name rules; the last one wins, as in rcl); logging flags that only rcl's logging
 * layer uses ({@code --log-level}, {@code --log-config-file}, {@code --log-file-name}, {@code --enable-/--disable-rosout-logs},
 * {@code -stdout-logs}, {@code -external-lib-logs}) are accepted and ignored. Anything else inside
 * {@code --ros-args} is rejected, as rclcpp does ("unknown ROS arguments").
 *
 * @param applicationArguments arguments outside the ROS sections, in order
 * @param nodeName the {@code __node} remap, or null
 * @param namespace the {@code __ns} remap (absolute), or null
 * @param remaps topic remaps in command-line order (node-targeted ones included with their target)
 * @param parameterSources {@code -p} and {@code --params-file} in command-line order (later ones win)
 * @param enclave the {@code --enclave}, or null (then rcl uses {@code /})
 * @param ignored ignored flags with their values, for the start-up log
 */
public record RosArguments(List<String> applicationArguments, String nodeName, String namespace, List<Remap> remaps,
        List<ParameterSource> parameterSources, String enclave, List<String> ignored) {

    /** A remap rule {@code from:=to}, optionally only for node {@code node} (null: every node). */
    public record Remap(String node, String from, String to) {}

    /** Where a parameter value comes from. */
    public sealed interface ParameterSource {}

    /** {@code -p name:=value}: {@code value} is YAML text; {@code node} is null unless node-targeted. */
    public record ParameterOverride(String node, String name, String value) implements ParameterSource {}

    /** {@code --params-file file}. */
    public record ParameterFile(Path file) implements ParameterSource {}

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    public RosArguments {
        applicationArguments = List.copyOf(applicationArguments);
        remaps = List.copyOf(remaps);
        parameterSources = List.copyOf(parameterSources);
        ignored = List.copyOf(ignored);
    }

    /**
     * Parses a command line.
     *
     * @throws IllegalArgumentException with a one-line reason naming the offending argument
     */
    public static RosArguments parse(List<String> args) {
        List<String> app = new ArrayList<>();
        List<Remap> remaps = new ArrayList<>();
        List<ParameterSource> sources = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        String node = null;
        String ns = null;
        String enclave = null;
        boolean ros = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--ros-args")) {
                ros = true;
                continue;
            }
            if (!ros) {
                app.add(a);
                continue;
            }
            switch (a) {
                case "--" -> ros = false;
                case "-r", "--remap" -> {
                    Remap r = remap(a, value(args, i++, a));
                    if (r.from().equals("__node") || r.from().equals("__name")) {
                        node = checked(r.to(), TopicNames.nodeNameProblem(r.to()), "node name", a);
                    } else if (r.from().equals("__ns")) {
                        ns = checked(r.to(), TopicNames.namespaceProblem(r.to()), "absolute namespace (/ or /a/b)", a);
                    } else {
                        remaps.add(r);
                    }
                }
                case "-p", "--param" -> sources.add(parameter(a, value(args, i++, a)));
                case "--params-file" -> {
                    String f = value(args, i++, a);
                    if (f.isBlank()) {
                        throw new IllegalArgumentException("--params-file needs a file name");
                    }
                    sources.add(new ParameterFile(Path.of(f)));
                }
                case "-e", "--enclave" -> {
                    String e = value(args, i++, a);
                    enclave = checked(e, RosSecurity.enclaveProblem(e), "enclave name (/ or /a/b)", a);
                }
                case "--log-level", "--log-config-file", "--log-file-name" -> ignored.add(a + " " + value(args, i++, a));
                case "--enable-rosout-logs", "--disable-rosout-logs", "--enable-stdout-logs", "--disable-stdout-logs",
                        "--enable-external-lib-logs", "--disable-external-lib-logs" -> ignored.add(a);
                default -> throw new IllegalArgumentException("unknown ROS argument '" + a + "' (accepted: -r/--remap,"
                        + " -p/--param, --params-file, --log-level, --log-config-file, --log-file-name, -e/--enclave, --enable-/--disable-"
                        + "{rosout,stdout,external-lib}-logs; end the ROS arguments with --)");
            }
        }
        return new RosArguments(app, node, ns, remaps, sources, enclave, ignored);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i + 1 >= args.size() || args.get(i + 1).equals("--ros-args") || args.get(i + 1).equals("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i + 1);
    }

    /** {@code value}, unless {@code problem} says why it is not a valid {@code what}. */
    private static String checked(String value, String problem, String what, String flag) {
        if (problem != null) {
            throw new IllegalArgumentException(flag + ": " + YamlErrors.shown(value) + " is not a valid " + what
                    + " (" + problem + ")");
        }
        return value;
    }

    private static String checked(String value, Pattern pattern, String what, String flag) {
        return checked(value, pattern.matcher(value).matches() ? null : "letters, digits, _ and dots", what, flag);
    }

    /** Splits {@code [node:]left:=right} at the first {@code :=}. */
    private static String[] rule(String flag, String text, String form) {
        int sep = text.indexOf(":=");
        if (sep <= 0) {
            throw new IllegalArgumentException(flag + " " + text + ": expected " + form);
        }
        String left = text.substring(0, sep);
        String right = text.substring(sep + 2);
        int colon = left.indexOf(':');
        String target = null;
        if (colon >= 0) {
            target = left.substring(0, colon);
            checked(target, TopicNames.nodeNameProblem(target), "node name before ':'", flag);
            left = left.substring(colon + 1);
        }
        return new String[] {target, left, right};
    }

    private static Remap remap(String flag, String text) {
        String[] r = rule(flag, text, "from:=to");
        if (r[1].equals("__node") || r[1].equals("__name") || r[1].equals("__ns")) {
            if (r[0] != null) {
                throw new IllegalArgumentException(flag + " " + text + ": " + r[1] + " cannot be targeted at a node");
            }
            return new Remap(null, r[1], r[2]);
        }
        checked(r[1], TopicNames.topicNameProblem(r[1]), "topic name to remap", flag);
        checked(r[2], TopicNames.topicNameProblem(r[2]), "topic name to remap to", flag);
        return new Remap(r[0], r[1], r[2]);
    }

    private static ParameterOverride parameter(String flag, String text) {
        String[] r = rule(flag, text, "name:=value");
        checked(r[1], PARAMETER_NAME, "parameter name", flag);
        if (r[2].isEmpty()) {
            throw new IllegalArgumentException(flag + " " + text + ": no value after :=");
        }
        return new ParameterOverride(r[0], r[1], r[2]);
    }
}
