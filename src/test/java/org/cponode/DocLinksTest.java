package org.cponode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the README and docs/ point a reader to exists: every relative link, every backticked repository path
 * (a file or folder under one of the repository's top-level folders) and every fully qualified
 * class of cpo-node.
 */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern PATH = Pattern.compile(
            "`((?:config|docs|launch|urdf|worlds|scripts|ros_ws|src|\\.ci)/[A-Za-z0-9_./-]*[A-Za-z0-9_/])`");
    private static final Pattern CLASS = Pattern.compile("\\b(org\\.cponode(?:\\.[a-z][a-z0-9]*)+\\.[A-Z][A-Za-z0-9]*)");

    @Test
    void everyLinkPathAndClassNamedInTheDocsExists() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> missing = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (!target.contains("://") && !target.startsWith("mailto:")
                        && !Files.exists(doc.toAbsolutePath().getParent().resolve(target).normalize())) {
                    missing.add(doc + ": link " + target);
                }
            }
            Matcher path = PATH.matcher(text);
            while (path.find()) {
                String p = path.group(1);
                if (!p.contains("*") && !p.contains("<") && !Files.exists(Path.of(p))) {
                    missing.add(doc + ": path " + p);
                }
            }
            Matcher cls = CLASS.matcher(text);
            while (cls.find()) {
                String c = cls.group(1);
                String outer = c.replaceAll("\\.([A-Z][A-Za-z0-9]*)$", "/$1");
                if (!Files.exists(Path.of("src/main/java/" + outer.replace('.', '/') + ".java"))
                        && !Files.exists(Path.of("src/test/java/" + outer.replace('.', '/') + ".java"))) {
                    missing.add(doc + ": class " + c);
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /**
     * Comments and docs cite docs/ of this repository or the paper: every docs/ page a source file names exists,
     * and nothing cites a document kept outside the repository (a reader cannot follow it).
     */
    @Test
    void sourcesNameOnlyDocsThatExistAndNoneOutsideTheRepository() throws IOException {
        Pattern docsPage = Pattern.compile("docs/([A-Za-z0-9_-]+\\.md)");
        Pattern outside = Pattern.compile("cpo-spec|dds-transport\\.md|ros-conventions\\.md|ros2-services\\.md"
                + "|shared/docs");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("src"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        files.add(Path.of("README.md"));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        List<String> wrong = new ArrayList<>();
        for (Path f : files) {
            if (f.endsWith("DocLinksTest.java")) {
                continue;
            }
            String text = Files.readString(f);
            Matcher page = docsPage.matcher(text);
            while (page.find()) {
                if (!Files.exists(Path.of("docs", page.group(1)))) {
                    wrong.add(f + ": names docs/" + page.group(1));
                }
            }
            Matcher out = outside.matcher(text);
            while (out.find()) {
                wrong.add(f + ": cites " + out.group() + ", outside the repository");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
