package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cponode.cli.ServiceCommand;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.DdsTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cpo-node service call} against a running node's services. */
class ServiceCallCommandTest {

    @Test
    @Timeout(60)
    void callsReleaseEstopAndSetLearningOnTheNode(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        Path config = Files.writeString(dir.resolve("cyclone.xml"), DdsTestSupport.LOOPBACK_CONFIG);
        String domain = Integer.toString(DdsTestSupport.DOMAIN);
        NodeConfiguration cfg = RobotNodeTest.config("checkpoint_dir:=" + dir);
        ManagedNode node = ManagedNode.create(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN,
                DdsTestSupport.LOOPBACK_CONFIG, RosSecurity.OFF));
        assertTrue(node.lifecycle().trigger("configure").success() && node.lifecycle().trigger("activate").success());
        try {
            node.estop();
            String fqn = cfg.fullyQualifiedName();
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new ServiceCommand()).setOut(new PrintWriter(out));
            assertEquals(0, cli.execute("call", fqn + "/release_estop", "std_srvs/srv/Trigger", "--domain", domain,
                    "--cyclone-config", config.toString(), "--timeout", "15"), out::toString);
            assertTrue(out.toString().contains("response:\nsuccess: true\nmessage: 'fleet e-stop released'\n"), out::toString);
            assertTrue(DdsTestSupport.await(java.time.Duration.ofSeconds(5),
                    () -> node.snapshot().estop() == NodeSnapshot.Estop.RELEASED), () -> "e-stop " + node.snapshot().estop());

            StringWriter out2 = new StringWriter();
            CommandLine cli2 = new CommandLine(new ServiceCommand()).setOut(new PrintWriter(out2));
            assertEquals(0, cli2.execute("call", fqn + "/set_learning", "std_srvs/SetBool", "{data: false}", "--domain",
                    domain, "--cyclone-config", config.toString(), "--timeout", "15"), out2::toString);
            assertTrue(out2.toString().contains("data: false\n"), out2::toString);
            assertTrue(out2.toString().contains("response:\nsuccess: true\nmessage: 'learning paused'\n"), out2::toString);
        } finally {
            node.close();
        }
    }

    @Test
    void anUnknownServiceTypeIsRefused() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ServiceCommand()).setErr(new PrintWriter(err));
        assertTrue(cli.execute("call", "/x", "std_srvs/srv/Nope") != 0);
    }
}
