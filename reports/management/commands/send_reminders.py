from base.watch import WatchCommand
from reports.tasks import send_production_emails_task


class Command(WatchCommand):
    help = (
        "Queue today's production e-mails (reminders to assignees, the Publishers' digest) for "
        "the background worker. Each goes out once a day at most, so run it as often as you "
        "like: from cron, or kept running with --watch (every --interval seconds)."
    )
    default_interval = 600.0

    def run_once(self):
        result = send_production_emails_task.enqueue()
        self.stdout.write(f"Queued the production e-mails: task {result.id}")
