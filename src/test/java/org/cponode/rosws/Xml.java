package org.cponode.rosws;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Small DOM helpers for reading URDF and SDF files in tests. */
final class Xml {

    private Xml() {}

    static Element parse(Path file) throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    /** Direct child elements named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The only direct child named {@code name}. */
    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw new AssertionError(
                    "<" + parent.getTagName() + "> should have one <" + name + ">, has " + found.size());
        }
        return found.getFirst();
    }

    static Optional<Element> optionalChild(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The direct child element whose attribute {@code name} equals {@code value}. */
    static Element named(Element parent, String tag, String value) {
        return children(parent, tag).stream().filter(e -> e.getAttribute("name").equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + tag + " name=\"" + value + "\">"));
    }

    /** Descendant elements named {@code name}, at any depth. */
    static List<Element> descendants(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        var list = parent.getElementsByTagName(name);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    static double number(Element parent, String name) {
        return Double.parseDouble(text(parent, name));
    }

    /** Whitespace-separated numbers, e.g. an SDF pose or a URDF xyz attribute. */
    static double[] numbers(String text) {
        return Arrays.stream(text.strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }
}
