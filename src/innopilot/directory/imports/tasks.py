"""Background checking and committing of large enterprise lists (run by ``innopilot worker``)."""

from django_tasks import task

from innopilot.directory.imports import services


@task
def check_import(import_id: int) -> None:
    services.import_check(import_id=import_id)


@task
def commit_import(import_id: int) -> None:
    services.import_commit(import_id=import_id)
