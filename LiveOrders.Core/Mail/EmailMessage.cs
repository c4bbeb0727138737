namespace LiveOrders.Core.Mail;

/// <summary>
/// A letter waiting in the outbox. Written in the same transaction as the notification it carries,
/// sent by <see cref="OutboxSender"/>, retried with growing pauses while the SMTP server is unreachable.
/// </summary>
public sealed class EmailMessage
{
    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }

    private EmailMessage() { }

    public EmailMessage(string to, string subject, string body, DateTime now)
    {
        To = to;
        Subject = subject;
        Body = body;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public void Sent(DateTime now) => SentAt = now;

    public void Failed(DateTime now, string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        // 15 s, 30 s, 1 min, … up to 15 min between attempts.
        var pause = TimeSpan.FromSeconds(Math.Min(15 * Math.Pow(2, Attempts - 1), 900));
        NextAttemptAt = now + pause;
    }
}

/// <summary>A person's choice: which notifications also come by e-mail. No row means yes.</summary>
public sealed class NotificationPreference
{
    public int EmployeeId { get; set; }
    public Notifications.NotificationKind Kind { get; set; }
    public bool ByEmail { get; set; }
}
