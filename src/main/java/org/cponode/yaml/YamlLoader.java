package org.cponode.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The one way YAML is read here (parameters files, {@code -p} values, {@code safe_polygon}, dynamics and
 * randomisation files, {@code topic pub} values), with limits that keep bad input a one-line error: files of at
 * most {@value #MAX_FILE_BYTES} bytes (read no further, so {@code /dev/zero} is refused, not read until the heap
 * is full), documents of at most {@value #MAX_FILE_BYTES} code points, at most {@value #MAX_DEPTH} levels of
 * nesting, at most {@value #MAX_ALIASES} aliases to collections and {@value #MAX_VALUES} values once aliases are
 * expanded, and no alias inside the collection it names.
 *
 * <p>Why a check of its own: snakeyaml-engine (3.2, the newest) has no nesting limit and composes nodes
 * recursively, so ten thousand nested brackets end in a StackOverflowError; and a recursive alias gives a
 * collection that contains itself, which every walk over it (flattening, printing) follows forever. The
 * document's events are scanned first, iteratively, and {@link Load} only sees documents within the limits.
 */
public final class YamlLoader {

    /** Deepest nesting of collections accepted; SnakeYAML's own default nesting limit. */
    public static final int MAX_DEPTH = 50;
    /** Largest file, in bytes, and longest document, in code points. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Most aliases to collections in one document (snakeyaml-engine's setting). */
    public static final int MAX_ALIASES = 50;
    /** Most values (scalars and collections) one document may stand for once its aliases are expanded. */
    public static final int MAX_VALUES = 1_000_000;

    private YamlLoader() {}

    /** {@link #load(String, Schema)} with YAML 1.2's JSON schema, snakeyaml-engine's default. */
    public static Object load(String text) {
        return load(text, new JsonSchema());
    }

    /**
     * The single document in {@code text}, within the limits.
     *
     * @param schema how plain scalars resolve
     * @throws YamlEngineException when the text is not YAML or exceeds a limit ({@link YamlErrors#describe} gives
     *     the line)
     */
    public static Object load(String text, Schema schema) {
        LoadSettings settings = settings(schema);
        checkShape(new Parse(settings).parseString(text));
        return new Load(settings).loadFromString(text);
    }

    /**
     * The single document in {@code text} as YAML 1.2 JSON-schema nodes, which keep where each value stands in
     * the text, within the same limits as {@link #load(String, Schema)}; empty for an empty document. For readers
     * that name the line of a bad value ({@link YamlFields}).
     *
     * @throws YamlEngineException when the text is not YAML or exceeds a limit
     */
    public static Optional<Node> compose(String text) {
        LoadSettings settings = settings(new JsonSchema());
        checkShape(new Parse(settings).parseString(text));
        return new Compose(settings).composeString(text);
    }

    static LoadSettings settings(Schema schema) {
        return LoadSettings.builder().setSchema(schema).setCodePointLimit(MAX_FILE_BYTES)
                .setMaxAliasesForCollections(MAX_ALIASES).setAllowRecursiveKeys(false).build();
    }

    /**
     * The text of a YAML file, reading at most {@value #MAX_FILE_BYTES} bytes.
     *
     * @throws IOException if it cannot be read, is larger, or is not UTF-8 ({@link YamlErrors#describe} gives the
     *     reason)
     */
    public static String read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException("larger than " + MAX_FILE_BYTES + " bytes, the limit for a YAML file");
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** A collection being scanned: its anchor, the tallest of its children and the values it stands for. */
    private static final class Open {
        final Optional<Anchor> anchor;
        int childHeight;
        long values = 1;

        Open(Optional<Anchor> anchor) {
            this.anchor = anchor;
        }
    }

    /** What an anchor names: its height (0 for a scalar) and its value count, aliases expanded. */
    private record Anchored(int height, long values) {}

    private static void checkShape(Iterable<Event> events) {
        Deque<Open> open = new ArrayDeque<>();
        Map<Anchor, Anchored> anchors = new HashMap<>();
        for (Event e : events) {
            Anchored node = switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (open.size() == MAX_DEPTH) {
                        throw new LimitExceeded("nested deeper than " + MAX_DEPTH + " levels", e.getStartMark());
                    }
                    open.push(new Open(((NodeEvent) e).getAnchor()));
                    yield null;
                }
                case SequenceEnd, MappingEnd -> {
                    Open done = open.pop();
                    Anchored collection = new Anchored(done.childHeight + 1, done.values);
                    done.anchor.ifPresent(a -> anchors.put(a, collection));
                    yield collection;
                }
                case Scalar -> {
                    Anchored scalar = new Anchored(0, 1);
                    ((NodeEvent) e).getAnchor().ifPresent(a -> anchors.put(a, scalar));
                    yield scalar;
                }
                case Alias -> aliased((AliasEvent) e, open, anchors);
                default -> null;
            };
            Open parent = open.peek();
            if (node == null || parent == null) {
                continue;
            }
            parent.childHeight = Math.max(parent.childHeight, node.height());
            parent.values += node.values();
            if (parent.values > MAX_VALUES) {
                throw new LimitExceeded("more than " + MAX_VALUES + " values once aliases are expanded",
                        e.getStartMark());
            }
        }
    }

    private static Anchored aliased(AliasEvent alias, Deque<Open> open, Map<Anchor, Anchored> anchors) {
        Anchor name = alias.getAlias();
        for (Open o : open) {
            if (o.anchor.isPresent() && o.anchor.get().equals(name)) {
                throw new LimitExceeded("alias *" + name.getValue() + " refers to a collection that contains it",
                        alias.getStartMark());
            }
        }
        // an undefined alias is left to the composer, which names it
        Anchored target = anchors.getOrDefault(name, new Anchored(0, 1));
        if (open.size() + target.height() > MAX_DEPTH) {
            throw new LimitExceeded("nested deeper than " + MAX_DEPTH + " levels once aliases are expanded",
                    alias.getStartMark());
        }
        return target;
    }

    /** A document beyond a limit, with where in it. */
    private static final class LimitExceeded extends MarkedYamlEngineException {
        LimitExceeded(String problem, Optional<Mark> where) {
            super("", Optional.empty(), problem, where);
        }
    }
}
