using System.Text;
using System.Text.RegularExpressions;
using LiveOrders.Core.Mail;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LiveOrders.Tests.Data;

/// <summary>E-mail through the outbox to a real SMTP server on 127.0.0.1.</summary>
public sealed class MailTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private OutboxSender Sender() => new(_db, _db.Time, _db.Feed, Options.Create(_db.Mail), NullLogger<OutboxSender>.Instance);

    private void UseSmtp(int port, MailSecurity security = MailSecurity.None, string? certificateSha256 = null)
    {
        _db.Mail.Enabled = true;
        _db.Mail.Host = "127.0.0.1";
        _db.Mail.Port = port;
        _db.Mail.Security = security;
        _db.Mail.CertificateSha256 = certificateSha256;
        _db.Mail.BaseUrl = "http://liveorders.test";
    }

    /// <summary>An order assigned to the housing clerk: one "assigned to me" letter for them in the outbox.</summary>
    private async Task<int> AssignToClerkAsync()
    {
        var order = await _db.SendRoadsToHousingAsync("Заменить светильники в подъезде");
        var v = await _db.VersionOfAsync(order.Id);
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new AcceptOrder())).Value;
        await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new AssignOrder(_db.HousingClerk.EmployeeId));
        return order.Id;
    }

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    /// <summary>The letter as it arrived at the server, raw, found by its outbox header.</summary>
    private static string RawLetter(SmtpSink smtp, long id) =>
        Assert.Single(smtp.Messages(), m => m.Contains($"X-LiveOrders-Outbox: {id}\r\n"));

    private async Task<EmailMessage> ClerksLetterAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.EmailMessages.SingleAsync(m => m.To == "housing.clerk@test.local");
    }

    /// <summary>Queues two letters and sends them to <paramref name="smtp"/>, with the sender set to <paramref name="security"/>.</summary>
    private async Task<(int Sent, EmailMessage Letter)> SendToAsync(SmtpSink smtp, MailSecurity security, bool pinned)
    {
        UseSmtp(smtp.Port, security, pinned ? smtp.CertificateSha256 : null);
        await AssignToClerkAsync();
        var sent = await Sender().SendDueAsync();
        return (sent, await ClerksLetterAsync());
    }

    [Fact]
    public async Task ALetter_GoesOutOnce_InRussian_WithALinkToTheOrder()
    {
        await using var smtp = await SmtpSink.StartAsync();
        UseSmtp(smtp.Port);
        var orderId = await AssignToClerkAsync();
        await using var db = _db.CreateDbContext();
        var letter = await db.EmailMessages.SingleAsync(m => m.To == "housing.clerk@test.local");

        var queued = await db.EmailMessages.CountAsync();   // the head's "new for the department" and the clerk's letter
        Assert.Equal(2, queued);
        Assert.Equal(queued, await Sender().SendDueAsync());
        Assert.Equal(0, await Sender().SendDueAsync());

        Assert.True(await smtp.WaitForAsync($"X-LiveOrders-Outbox: {letter.Id}", TimeSpan.FromSeconds(10)), smtp.Output);
        Assert.Equal(1, Count(smtp.Output, $"X-LiveOrders-Outbox: {letter.Id}"));
        Assert.StartsWith("Вы назначены исполнителем", letter.Subject);

        // On the wire every header is ASCII (RFC 2047 encoded words in UTF-8), the body UTF-8 (the server takes 8BITMIME);
        // read back, the Russian is exact.
        var raw = RawLetter(smtp, letter.Id);
        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.All(headers, c => Assert.True(c < 128, $"non-ASCII in the headers: {headers}"));
        Assert.Matches(@"(?im)^Subject: =\?utf-8\?[bq]\?", headers);
        var received = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(letter.Subject, received.Subject);
        Assert.Equal("LiveOrders — поручения", received.From.Mailboxes.Single().Name);
        Assert.Equal(letter.Body.ReplaceLineEndings(), (received.TextBody ?? "").ReplaceLineEndings().TrimEnd());
        Assert.Contains($"/orders/{orderId}", received.TextBody);
    }

    [Fact]
    public async Task WithStartTls_TheLetterGoesOverTls_ToAServerThatRequiresIt()
    {
        await using var smtp = await SmtpSink.StartAsync(tls: SinkTls.StartTls);
        var (sent, letter) = await SendToAsync(smtp, MailSecurity.StartTls, pinned: true);
        Assert.Equal(2, sent);
        Assert.NotNull(letter.SentAt);
        Assert.True(await smtp.WaitForAsync($"X-LiveOrders-Outbox: {letter.Id}", TimeSpan.FromSeconds(10)), smtp.Output);
        Assert.Equal(letter.Subject, MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(RawLetter(smtp, letter.Id)))).Subject);
    }

    [Fact]
    public async Task WithSsl_TheLetterGoesOverTlsFromTheFirstByte()
    {
        await using var smtp = await SmtpSink.StartAsync(tls: SinkTls.Smtps);
        var (sent, letter) = await SendToAsync(smtp, MailSecurity.Ssl, pinned: true);
        Assert.Equal(2, sent);
        Assert.NotNull(letter.SentAt);
        Assert.True(await smtp.WaitForAsync($"X-LiveOrders-Outbox: {letter.Id}", TimeSpan.FromSeconds(10)), smtp.Output);
    }

    [Fact]
    public async Task WithoutTls_AServerThatRequiresStartTls_RefusesTheLetter_AndItWaits()
    {
        await using var smtp = await SmtpSink.StartAsync(tls: SinkTls.StartTls);
        var (sent, letter) = await SendToAsync(smtp, MailSecurity.None, pinned: true);
        Assert.Equal(0, sent);
        Assert.Null(letter.SentAt);
        Assert.Equal(1, letter.Attempts);
        Assert.Contains("STARTTLS", letter.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithStartTls_AServerThatDoesNotOfferIt_GetsNoLetterInPlainText()
    {
        await using var smtp = await SmtpSink.StartAsync(tls: SinkTls.None);
        var (sent, letter) = await SendToAsync(smtp, MailSecurity.StartTls, pinned: false);
        Assert.Equal(0, sent);
        Assert.Null(letter.SentAt);
        Assert.Equal(1, letter.Attempts);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task ACertificateNoAuthorityVouchesFor_IsRefused_UnlessItsHashIsConfigured()
    {
        await using var smtp = await SmtpSink.StartAsync(tls: SinkTls.Smtps);
        var (sent, letter) = await SendToAsync(smtp, MailSecurity.Ssl, pinned: false);
        Assert.Equal(0, sent);
        Assert.Null(letter.SentAt);
        Assert.Equal(1, letter.Attempts);
        Assert.Contains("certificate", letter.LastError, StringComparison.OrdinalIgnoreCase);

        _db.Mail.CertificateSha256 = string.Join(':', smtp.CertificateSha256!.Chunk(2).Select(pair => new string(pair)).ToArray()).ToLowerInvariant();
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await Sender().SendDueAsync());
    }

    [Theory]
    [InlineData("none", null, MailSecurity.None)]
    [InlineData("StartTls", null, MailSecurity.StartTls)]
    [InlineData("STARTTLS", null, MailSecurity.StartTls)]
    [InlineData("ssl", null, MailSecurity.Ssl)]
    [InlineData("Auto", null, MailSecurity.Auto)]
    [InlineData(null, "true", MailSecurity.StartTls)]    // a configuration written before Mail:Security
    [InlineData(null, "false", MailSecurity.None)]
    [InlineData(null, null, MailSecurity.None)]
    [InlineData("None", "true", MailSecurity.StartTls)]  // appsettings.json says None; an old override of EnableSsl must not go plain
    [InlineData("Ssl", "true", MailSecurity.Ssl)]
    public void MailSecurity_IsReadFromConfiguration_AndAnOldEnableSslMeansStartTls(string? security, string? enableSsl, MailSecurity expected)
    {
        var values = new Dictionary<string, string?> { ["Mail:Host"] = "smtp.example" };
        if (security is not null) values["Mail:Security"] = security;
        if (enableSsl is not null) values["Mail:EnableSsl"] = enableSsl;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Assert.Equal(expected, configuration.GetSection("Mail").Get<MailOptions>()!.EffectiveSecurity);
    }

    [Fact]
    public async Task WithTheServerDown_MailWaitsInTheOutbox_AndGoesOutOnceItIsBack()
    {
        var port = Ports.Free();
        UseSmtp(port);
        await AssignToClerkAsync();

        Assert.Equal(0, await Sender().SendDueAsync());   // nothing listens on the port
        await using (var db = _db.CreateDbContext())
        {
            var waiting = await db.EmailMessages.SingleAsync(m => m.To == "housing.clerk@test.local");
            Assert.Null(waiting.SentAt);
            Assert.Equal(1, waiting.Attempts);
            Assert.NotNull(waiting.LastError);
            Assert.True(waiting.NextAttemptAt > _db.Time.UtcNow);
        }

        await using var smtp = await SmtpSink.StartAsync(port);
        Assert.Equal(0, await Sender().SendDueAsync());   // the retry is not due yet
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Sender().SendDueAsync() >= 1);
        Assert.Equal(0, await Sender().SendDueAsync());

        await using var check = _db.CreateDbContext();
        var sent = await check.EmailMessages.SingleAsync(m => m.To == "housing.clerk@test.local");
        Assert.NotNull(sent.SentAt);
        Assert.True(await smtp.WaitForAsync($"X-LiveOrders-Outbox: {sent.Id}", TimeSpan.FromSeconds(10)), smtp.Output);
        Assert.Equal(1, Count(smtp.Output, $"X-LiveOrders-Outbox: {sent.Id}"));
    }

    [Fact]
    public async Task APersonWhoTurnedAKindOff_GetsItInTheBellOnly()
    {
        UseSmtp(Ports.Free());
        await using (var db = _db.CreateDbContext())
        {
            db.NotificationPreferences.Add(new NotificationPreference { EmployeeId = _db.HousingClerk.EmployeeId, Kind = NotificationKind.AssignedToMe, ByEmail = false });
            await db.SaveChangesAsync();
        }

        await AssignToClerkAsync();

        await using var check = _db.CreateDbContext();
        Assert.False(await check.EmailMessages.AnyAsync(m => m.To == "housing.clerk@test.local"));
        Assert.True(await check.Notifications.AnyAsync(n => n.RecipientId == _db.HousingClerk.EmployeeId && n.Kind == NotificationKind.AssignedToMe));
    }

    [Fact]
    public async Task WithMailOff_NothingIsQueued()
    {
        await AssignToClerkAsync();
        await using var db = _db.CreateDbContext();
        Assert.False(await db.EmailMessages.AnyAsync());
    }
}
