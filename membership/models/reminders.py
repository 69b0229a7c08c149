"""“Remind me later”: an address kept only until its one reminder is sent.

A reader who is not ready to give leaves an email address on the appeal's
reminder page; ``manage.py send_appeal_reminders`` (run by the periodic
newsletter job) sends one reminder when it falls due, then deletes the row.
Nothing else is ever sent to the address, and it is stored nowhere else."""

from django.db import models

from membership.models.appeals import Appeal


class AppealReminderQuerySet(models.QuerySet["AppealReminder"]):
    def due(self, now) -> "AppealReminderQuerySet":
        return self.filter(send_after__lte=now)


class AppealReminder(models.Model):
    email = models.EmailField(unique=True)
    appeal = models.ForeignKey(
        Appeal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The appeal the reader asked from (for the reminder's attribution).",
    )
    page_id = models.PositiveIntegerField(default=0, help_text="The article it was on (0: none).")
    consent = models.TextField(help_text="The words the reader agreed to, as shown.")
    consented_at = models.DateTimeField()
    send_after = models.DateTimeField(db_index=True)

    objects = AppealReminderQuerySet.as_manager()

    class Meta:
        ordering = ["send_after", "pk"]

    def __str__(self) -> str:
        return f"reminder due {self.send_after:%Y-%m-%d}"
