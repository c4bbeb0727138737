using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Time;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace LiveOrders.Core.Mail;

/// <summary>
/// Sends the outbox over SMTP with MailKit (Microsoft recommends against System.Net.Mail.SmtpClient for new code).
/// A letter is marked sent right after the server accepted it, so none goes twice; one the server refused or could
/// not take stays and is retried later, so none is lost.
/// Wakes when a change brings notifications, and when the next retry is due.
/// <para>
/// Across nodes one sender runs (<see cref="Cluster.ClusterJob{TJob}"/>), and each letter is also claimed before it is
/// sent: its next attempt is moved <see cref="ClaimFor"/> ahead, on the condition that nobody moved it since it was read,
/// so a second sender during a takeover skips it. A letter once handed to the server is finished (sent or failed, and
/// saved) even when the sender is told to stop; stopping takes effect between letters.
/// </para>
/// <para>
/// What remains, and cannot be closed with SMTP (it has no idempotent submission): a node that dies after the server
/// accepted a letter and before the mark was saved (a few milliseconds) leaves the letter claimed but not marked; it
/// is sent again once the claim expires: at least once, never lost. The <c>X-LiveOrders-Outbox</c> header (the letter's
/// id) lets a receiving system recognise the repeat.
/// </para>
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

    /// <summary>
    /// How long a claimed letter is left to its sender before another tries it: well past a send's worst case
    /// (connect, sign-in and send, 15 s each).
    /// </summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

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

    /// <summary>Sends every letter whose attempt is due, over one connection. Returns how many went out.</summary>
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

        using var smtp = new SmtpClient { Timeout = 15_000 };
        if (PinnedCertificate(mail) is { } pin)
            smtp.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)) == pin);
        try
        {
            for (var i = 0; i < due.Count; i++)
            {
                // Stopping (the host, or this node lost the sender's lease) takes effect between letters.
                if (ct.IsCancellationRequested) break;
                var message = due[i];
                if (!smtp.IsConnected && await ConnectAsync(smtp, mail, ct) is { } unreachable)
                {
                    // Nothing gets through this time: every letter left waits for its next attempt.
                    foreach (var waiting in due.Skip(i)) Failed(waiting, unreachable);
                    await db.SaveChangesAsync(ct);
                    break;
                }
                if (!await ClaimAsync(db, message, ct))
                {
                    logger.LogInformation("Letter {Id} was taken by another sender", message.Id);
                    continue;
                }
                try
                {
                    // Not cancelled once handed over: a letter cut off mid-way may have arrived, and would go again.
                    await smtp.SendAsync(Letter(mail, message), CancellationToken.None);
                    message.Sent(time.UtcNow);
                    sent++;
                }
                catch (Exception e)
                {
                    // The server refused this letter (a recipient, the size), or the connection broke: the next one reconnects.
                    Failed(message, e);
                }
                // Saved after each letter, even while stopping: a letter the server took is never sent again.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            // The letters are saved by now; a QUIT that fails changes nothing.
            if (smtp.IsConnected)
            {
                try { await smtp.DisconnectAsync(quit: true, CancellationToken.None); }
                catch (Exception e) { logger.LogDebug(e, "SMTP QUIT failed"); }
            }
        }
        return sent;
    }

    /// <summary>
    /// Claims a letter for this sender: moves its next attempt <see cref="ClaimFor"/> ahead unless it was sent, or moved
    /// by another sender, since it was read. False when another sender has it.
    /// </summary>
    private async Task<bool> ClaimAsync(LiveOrdersDbContext db, EmailMessage message, CancellationToken ct)
    {
        var (id, seen, until) = (message.Id, message.NextAttemptAt, time.UtcNow + ClaimFor);
        return await db.EmailMessages.Where(m => m.Id == id && m.SentAt == null && m.NextAttemptAt == seen)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, until), ct) == 1;
    }

    /// <summary>Connects and signs in; the failure, if any, as the exception to record on the letters.</summary>
    private static async Task<Exception?> ConnectAsync(SmtpClient smtp, MailOptions mail, CancellationToken ct)
    {
        try
        {
            await smtp.ConnectAsync(mail.Host, mail.Port, mail.SocketOptions, ct);
            if (!string.IsNullOrEmpty(mail.UserName))
                await smtp.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return e;
        }
    }

    private static MimeMessage Letter(MailOptions mail, EmailMessage message)
    {
        // MimeKit writes a non-ASCII subject or name as RFC 2047 encoded words in UTF-8, and the body as UTF-8 text.
        var letter = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart(TextFormat.Plain) { Text = message.Body },
        };
        letter.From.Add(new MailboxAddress(mail.FromName, mail.From));
        letter.To.Add(MailboxAddress.Parse(message.To));
        // Lets a receiving system recognise a letter it has seen, should one ever be retried after delivery.
        letter.Headers.Add("X-LiveOrders-Outbox", message.Id.ToString(CultureInfo.InvariantCulture));
        return letter;
    }

    private void Failed(EmailMessage message, Exception error)
    {
        message.Failed(time.UtcNow, error.Message);
        logger.LogWarning("Letter {Id} to {To} not sent (attempt {Attempts}): {Error}", message.Id, message.To, message.Attempts, error.Message);
    }

    private static string? PinnedCertificate(MailOptions mail) =>
        string.IsNullOrWhiteSpace(mail.CertificateSha256) ? null
            : mail.CertificateSha256.Replace(":", "").Replace(" ", "").Trim().ToUpperInvariant();

    private async Task<DateTime?> NextAttemptAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EmailMessages.Where(m => m.SentAt == null && m.Attempts < options.Value.MaxAttempts)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
    }
}
