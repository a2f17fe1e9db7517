"""`coopact mail send` and `coopact mail list`: the mail queue (coopact.services.mail)."""

from __future__ import annotations

import typer

from coopact.bootstrap import units, writing
from coopact.contracts.errors import EnvironmentProblem
from coopact.entrypoints.cli.common import out, ready, reports_errors
from coopact.services.mail import deliver, queued

mail_app = typer.Typer(
    help="The mail queue: mails are stored with what they announce, then sent.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:

    app.add_typer(mail_app, name="mail")

    @mail_app.command("send")
    @reports_errors
    def send() -> None:
        """Send the queued mails now (SMTP when COOPACT_SMTP_HOST is set, else the outbox
        folder); each is deleted once sent. Those that cannot be sent stay queued with their
        error: exit 3. `advance`, `decide`, `review-due` and `remind` send the queue too."""

        ready()
        done = deliver(units.uow(), writing.transport())
        if done.failed:
            raise EnvironmentProblem(f"{done.sent} mail(s) sent; {done.warning()}")
        if done.sent:
            out.print(f"{done.sent} mail(s) sent.")
        elif done.left:
            out.print(f"Nothing sent: {done.left} mail(s) being sent by another process.")
        else:
            out.print("No mail waiting.")

    @mail_app.command("list")
    @reports_errors
    def listing() -> None:
        """The queued mails: Message-ID, partnership, attempts and the last error (no names,
        no addresses)."""

        ready()
        waiting = queued(units.uow())
        if not waiting:
            out.print("No mail waiting.")
            return
        for mail in waiting:
            when = f"{mail.queued_at:%Y-%m-%d %H:%M}"
            line = f"{mail.message_id}  {mail.reference or '-'}  queued {when}"
            if mail.attempts:
                line += f"  {mail.attempts} attempt(s): {mail.last_error}"
            out.print(line, markup=False)
