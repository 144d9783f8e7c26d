"""Shell completion of slugs, juror emails and nomination ids from the database, and the
`awards completion SHELL` command that prints the script to install."""

from __future__ import annotations

import os
from typing import Any

import click
from click.shell_completion import CompletionItem


def _db_path(ctx: click.Context) -> str:
    root = ctx.find_root()
    return str(root.params.get("db_path") or os.environ.get("AWARDS_DB") or "awards.db")


def complete_slug(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from awards.db.completion import slugs

    return [CompletionItem(s) for s in slugs(_db_path(ctx)) if s.startswith(incomplete)]


def complete_email(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from awards.db.completion import juror_emails

    emails = juror_emails(_db_path(ctx), ctx.params.get("slug"))
    return [CompletionItem(e) for e in emails if e.startswith(incomplete.casefold())]


def complete_nomination(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from awards.db.completion import nomination_ids

    return [
        CompletionItem(i, help=name)
        for i, name in nomination_ids(_db_path(ctx), ctx.params.get("slug"))
        if i.startswith(incomplete)
    ]


def slug_argument() -> Any:
    return click.argument("slug", shell_complete=complete_slug)


def nomination_option(required: bool = True, help: str = "Nomination id.") -> Any:
    return click.option(
        "--nomination",
        "nomination_id",
        type=int,
        required=required,
        shell_complete=complete_nomination,
        help=help,
    )


@click.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the shell completion script (slugs, emails and ids complete from the database).

    \b
    Examples:
      awards completion bash >> ~/.bashrc
      awards completion zsh >> ~/.zshrc
      awards completion fish > ~/.config/fish/completions/awards.fish
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None
    # The root command comes from the context: importing `cli` here would be a loop.
    root = ctx.find_root().command
    click.echo(cls(root, {}, "awards", "_AWARDS_COMPLETE").source())
