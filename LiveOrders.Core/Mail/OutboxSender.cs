using System.Net;
using System.Net.Mail;
using System.Text;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Mail;

/// <summary>
/// Sends the outbox over SMTP. A letter is marked sent right after the server accepted it, so none
/// goes twice; one the server refused or could not take stays and is retried later, so none is lost.
/// Wakes when a change brings notifications, and when the next retry is due.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<LiveOrdersDbContext> dbFactory,
    MunicipalTime time,
    ILiveFeed feed,
    IOptions<MailOptions> options,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var _ = feed.Subscribe(c => c.Notifications is { Count: > 0 }, _ =>
        {
            if (_wake.CurrentCount == 0) _wake.Release();
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = Idle;
            try
            {
                await SendDueAsync(stoppingToken);
                if (await NextAttemptAsync(stoppingToken) is { } next) sleep = next - time.UtcNow;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox sender failed");
            }
            sleep = sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > Idle ? Idle : sleep;
            try { await _wake.WaitAsync(sleep, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends every letter whose attempt is due. Returns how many went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var mail = options.Value;
        var sent = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var due = await db.EmailMessages
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && m.Attempts < mail.MaxAttempts)
            .OrderBy(m => m.Id).Take(50).ToListAsync(ct);
        if (due.Count == 0) return 0;

        using var smtp = new SmtpClient(mail.Host, mail.Port)
        {
            EnableSsl = mail.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 15_000,
            Credentials = mail.UserName is null ? null : new NetworkCredential(mail.UserName, mail.Password),
        };
        foreach (var message in due)
        {
            try
            {
                using var letter = new MailMessage(new MailAddress(mail.From, mail.FromName, Encoding.UTF8), new MailAddress(message.To))
                {
                    Subject = message.Subject,
                    Body = message.Body,
                    SubjectEncoding = Encoding.UTF8,
                    BodyEncoding = Encoding.UTF8,
                };
                // Lets a receiving system recognise a letter it has seen, should one ever be retried after delivery.
                letter.Headers.Add("X-LiveOrders-Outbox", message.Id.ToString());
                await smtp.SendMailAsync(letter, ct);
                message.Sent(time.UtcNow);
                sent++;
            }
            catch (Exception e) when (e is SmtpException or InvalidOperationException or FormatException or IOException)
            {
                message.Failed(time.UtcNow, e.InnerException?.Message ?? e.Message);
                logger.LogWarning("Letter {Id} to {To} not sent (attempt {Attempts}): {Error}", message.Id, message.To, message.Attempts, e.Message);
            }
            // Saved after each letter: a crash right after a send cannot make it go again.
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    private async Task<DateTime?> NextAttemptAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EmailMessages.Where(m => m.SentAt == null && m.Attempts < options.Value.MaxAttempts)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
    }
}
