"""Run ingest on a Dask distributed cluster: the same per-file work as the local engine.

Workers run `process_and_stage` (sandboxed, under the per-file limits) and write their Parquet parts to the staging folder (which must
be on a file system shared by the workers and the driver, e.g. NFS or a cluster volume); the
driver commits each file's parts with atomic renames as results arrive. Without a scheduler
address a LocalCluster of one single-threaded process per worker is started (parsers hold the
GIL, so processes, not threads).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pipeline.batch.budget import Limits
from pipeline.batch.worker import process_and_stage_limited
from pipeline.batch.store import StagedResult
from pipeline.records import FileResult


def run_dask(
    files: list[Path], staging: Path, scheduler: str | None, workers: int, limits: Limits, root: Path | None = None
) -> Iterator[tuple[FileResult, StagedResult]]:
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    # each file runs in a sandboxed child of the worker: workers must not be daemonic processes
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = (
            None
            if scheduler
            else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        )
    client = Client(scheduler or cluster)
    try:
        futures = [
            client.submit(
                process_and_stage_limited,
                str(path.resolve()),
                str(Path(staging).resolve()),
                limits,
                str(root.resolve()) if root else None,
                key=f"vanban-{i}-{path.name}",
                pure=False,
            )
            for i, path in enumerate(files)
        ]
        for future in as_completed(futures):
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
