"""A real Apache Kafka 4.x broker on this machine, without Docker or a tarball.

The broker's jars come from Maven Central (streams/kafka/pom.xml) into a cache folder that is
reused once filled; the node runs in KRaft mode as broker and controller in one JVM, its storage
formatted on first start, its log in `<data dir>/logs/server.log`. `newsevents kafka up|down|status`
and the test suite use this module. A broker already answering at the configured address is
used as it is and never stopped by us.
"""
from __future__ import annotations

import asyncio
import base64
import logging
import os
import shutil
import signal
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from string import Template

from streams.admin import admin_call
from streams.settings import Settings

#: The Maven pom, KRaft template and log4j2 config: package data, so an installed worker has them.
DEPLOY_DIR = Path(__file__).parent / "kafka"


class KafkaError(RuntimeError):
    """The local broker could not be fetched, started or stopped; the message says why."""


async def _cluster_answers(bootstrap: str, timeout: float) -> bool:
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # "connect failed" is the answer here
    try:
        # Retried: a dead broker still in the live ones' metadata must not make them "not answering".
        describe = admin_call(bootstrap, lambda admin: admin.describe_cluster(), deadline=timeout)
        await asyncio.wait_for(describe, timeout)
        return True
    except Exception:  # any failure means "not (yet) a working broker"
        return False


def broker_answers(bootstrap: str, timeout: float = 3.0) -> bool:
    """True when a Kafka broker answers a metadata request at `bootstrap`."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop here: the usual case (the CLI)
        return asyncio.run(_cluster_answers(bootstrap, timeout))
    # Called where a loop runs already (a test process with a browser driver's loop): ask
    # from a thread of its own, as asyncio.run cannot run inside a running loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _cluster_answers(bootstrap, timeout)).result()


@dataclass
class LocalKafka:
    """One KRaft node (broker and controller) bound to 127.0.0.1: a broker alone, configured
    from `Settings`, or one node of a `LocalCluster` (its id, the quorum, the cluster id)."""

    port: int
    controller_port: int
    data_dir: Path
    jars_dir: Path
    node_id: int = 1
    voters: str | None = None  # "1@host:port,2@host:port,..."; None: this node alone
    cluster_id: str | None = None  # the same for every node of a cluster; None: a new one
    replicas: int = 1  # of the internal topics

    @classmethod
    def from_settings(cls, settings: Settings) -> "LocalKafka":
        return cls(settings.kafka_port, settings.kafka_controller_port,
                   settings.kafka_data_dir.resolve(), settings.kafka_jars_dir.expanduser().resolve())

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "kafka.pid"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "server.log"

    def fetch_jars(self) -> None:
        """Gather the broker's runtime jars with Maven, once; a filled cache is reused."""
        if any(self.jars_dir.glob("kafka_2.13-*.jar")):
            return
        if shutil.which("mvn") is None or shutil.which("java") is None:
            raise KafkaError("the local broker needs Java 17+ and Maven (mvn) on PATH")
        tmp = self.jars_dir.with_name(self.jars_dir.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = ["mvn", "-q", "-B", "-f", str(DEPLOY_DIR / "pom.xml"), "dependency:copy-dependencies",
               "-DincludeScope=runtime", f"-DoutputDirectory={tmp}"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise KafkaError(f"maven could not fetch the Kafka jars:\n{done.stdout}\n{done.stderr}")
        self.jars_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp.rename(self.jars_dir)

    def _java(self, main_class: str, *args: str, **popen: object) -> list[str]:
        return ["java", "-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
                f"-Dlog4j2.configurationFile={DEPLOY_DIR / 'log4j2.properties'}",
                f"-Dkafka.logs.dir={self.log_file.parent}",
                "-cp", str(self.jars_dir / "*"), main_class, *args]

    def _write_config(self) -> Path:
        template = Template((DEPLOY_DIR / "server.properties.in").read_text())
        config = self.data_dir / "server.properties"
        config.write_text(template.substitute(
            port=self.port, controller_port=self.controller_port, data_dir=self.data_dir,
            node_id=self.node_id, voters=self.voters or f"{self.node_id}@127.0.0.1:{self.controller_port}",
            replicas=self.replicas, min_isr=min(self.replicas, 2) if self.replicas > 2 else 1))
        return config

    def _format_storage(self, config: Path) -> None:
        if (self.data_dir / "log" / "meta.properties").exists():
            return
        cluster_id = self.cluster_id or new_cluster_id()
        done = subprocess.run(self._java("kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}",
                                         "-c", str(config), "--ignore-formatted"),
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise KafkaError(f"formatting the KRaft storage failed:\n{done.stdout}\n{done.stderr}")

    def running_pid(self) -> int | None:
        """The pid of the broker this module started, if that process is still alive."""
        try:
            pid = int(self.pid_file.read_text().strip())
            os.kill(pid, 0)
            return pid
        except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
            return None

    def up(self, timeout: float = 120.0) -> str:
        """Start the broker unless one answers already; wait until it answers. Returns a status line."""
        if broker_answers(self.bootstrap):
            return f"Kafka already answering at {self.bootstrap}; using it as it is"
        proc = self.start()
        return self.wait(proc, timeout)

    def start(self) -> subprocess.Popen:
        """Start the node's JVM (formatting its storage the first time) without waiting."""
        self.fetch_jars()
        (self.data_dir / "logs").mkdir(parents=True, exist_ok=True)
        config = self._write_config()
        self._format_storage(config)
        with open(self.data_dir / "logs" / "stdout.log", "ab") as out:
            proc = subprocess.Popen(self._java("kafka.Kafka", str(config)), stdout=out,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        self.pid_file.write_text(str(proc.pid))
        return proc

    def wait(self, proc: subprocess.Popen, timeout: float = 120.0) -> str:
        """Wait until the started node answers; stop it if it does not in time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise KafkaError(f"the broker exited with {proc.returncode}; see {self.log_file}")
            if broker_answers(self.bootstrap, timeout=2.0):
                return f"Kafka started at {self.bootstrap} (pid {proc.pid}, log {self.log_file})"
            time.sleep(0.5)
        self.down()
        raise KafkaError(f"the broker did not answer within {timeout:.0f}s; see {self.log_file}")

    def down(self, timeout: float = 60.0) -> str:
        """Stop the broker this module started: SIGTERM for a clean shutdown, SIGKILL if it hangs."""
        pid = self.running_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return "no local Kafka started by newsevents is running"
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.running_pid() is not None:
            _reap(pid)
            time.sleep(0.2)
        if self.running_pid() is not None:
            os.killpg(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return f"Kafka (pid {pid}) stopped"

    def status(self) -> str:
        answering = broker_answers(self.bootstrap)
        pid = self.running_pid()
        owner = f"started by newsevents, pid {pid}" if pid else "not started by newsevents"
        return f"Kafka at {self.bootstrap}: {'answering' if answering else 'not answering'} ({owner})"


def new_cluster_id() -> str:
    """A KRaft cluster id: 16 random bytes, base64url without padding. It may start with "-",
    so it is always passed as `--cluster-id=ID`, never as a separate argument."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()


@dataclass
class LocalCluster:
    """Several KRaft nodes, each broker and controller, in one quorum with one cluster id: a
    replicated cluster on one machine, for the tests of a broker lost mid-stream."""

    nodes: list[LocalKafka]

    @classmethod
    def of(cls, count: int, ports: list[int], controller_ports: list[int], data_dir: Path,
           jars_dir: Path) -> "LocalCluster":
        voters = ",".join(f"{n + 1}@127.0.0.1:{controller_ports[n]}" for n in range(count))
        cluster_id = new_cluster_id()
        existing = [data_dir / f"node-{n + 1}" / "log" / "meta.properties" for n in range(count)]
        for meta in existing:  # a cluster started before keeps its id
            if meta.exists():
                for line in meta.read_text().splitlines():
                    if line.startswith("cluster.id="):
                        cluster_id = line.split("=", 1)[1]
        return cls([LocalKafka(ports[n], controller_ports[n], data_dir / f"node-{n + 1}", jars_dir,
                               node_id=n + 1, voters=voters, cluster_id=cluster_id, replicas=min(count, 3))
                    for n in range(count)])

    @classmethod
    def from_settings(cls, settings: Settings, count: int) -> "LocalCluster":
        """Nodes on consecutive ports from NEWSEVENTS_KAFKA_PORT, controllers from
        NEWSEVENTS_KAFKA_CONTROLLER_PORT + 100, data under NEWSEVENTS_KAFKA_DATA_DIR/node-N."""
        return cls.of(count, [settings.kafka_port + n for n in range(count)],
                      [settings.kafka_controller_port + 100 + n for n in range(count)],
                      settings.kafka_data_dir.resolve(), settings.kafka_jars_dir.expanduser().resolve())

    @property
    def bootstrap(self) -> str:
        return ",".join(node.bootstrap for node in self.nodes)

    def up(self, timeout: float = 180.0) -> str:
        """Start every node that is not running (a quorum needs most of them at once), then
        wait for all of them."""
        started = [(node, node.start()) for node in self.nodes if node.running_pid() is None]
        lines = [node.wait(proc, timeout) for node, proc in started]
        return "\n".join(lines) or f"Kafka cluster already running at {self.bootstrap}"

    def down(self) -> str:
        return "\n".join(f"node {node.node_id}: {node.down()}" for node in self.nodes)

    def status(self) -> str:
        return "\n".join(f"node {node.node_id}: {node.status()}" for node in self.nodes)


def _reap(pid: int) -> None:
    """Collect the exit status when the broker is our own child, so it does not linger as a zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
