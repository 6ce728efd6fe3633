package org.cponode.node;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * How ROS reads parameter YAML (rcl_yaml_param_parser): the JSON schema's scalars, plus rcl's booleans, which an
 * unquoted {@code True}, {@code yes}, {@code on}, {@code Y} (and their false forms) are; a quoted value stays a
 * string. Everything else reads as before: {@code ~} is the string "~" (a home directory), {@code 010} is a string.
 */
final class RosParameterSchema extends JsonSchema {

    private static final Pattern TRUE = Pattern.compile("^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$");
    private static final Pattern FALSE = Pattern.compile("^(?:n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$");

    private final ScalarResolver resolver = new JsonScalarResolver() {
        @Override
        protected void addImplicitResolvers() {
            super.addImplicitResolvers();
            addImplicitResolver(Tag.BOOL, TRUE, "yYtToO");
            addImplicitResolver(Tag.BOOL, FALSE, "nNfFoO");
        }
    };

    private final Map<Tag, ConstructNode> constructors;

    RosParameterSchema() {
        constructors = new HashMap<>(super.getSchemaTagConstructors());
        constructors.put(Tag.BOOL, new ConstructNode() {
            @Override
            public Object construct(Node node) {
                return TRUE.matcher(((ScalarNode) node).getValue()).matches();
            }
        });
    }

    @Override
    public ScalarResolver getScalarResolver() {
        return resolver;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return constructors;
    }
}
