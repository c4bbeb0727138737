using System.Text;
using System.Text.RegularExpressions;
using LiveOrders.Core.Mail;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>E-mail through the outbox to a real SMTP server on 127.0.0.1.</summary>
public sealed class MailTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private OutboxSender Sender() => new(_db, _db.Time, _db.Feed, Options.Create(_db.Mail), NullLogger<OutboxSender>.Instance);

    private void UseSmtp(int port)
    {
        _db.Mail.Enabled = true;
        _db.Mail.Host = "127.0.0.1";
        _db.Mail.Port = port;
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

    // A long subject is split into several encoded words, which may cut a letter in two: join the bytes, then decode.
    private static string DecodedSubjects(string output) => Encoding.UTF8.GetString(Regex.Matches(output, @"=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=", RegexOptions.IgnoreCase)
        .SelectMany(m => Convert.FromBase64String(m.Groups[1].Value)).ToArray());

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
        Assert.Contains("Вы назначены исполнителем", DecodedSubjects(smtp.Output));
        Assert.Contains($"/orders/{orderId}", letter.Body);
    }

    [Fact]
    public async Task WithTheServerDown_MailWaitsInTheOutbox_AndGoesOutOnceItIsBack()
    {
        var port = SmtpSink.FreePort();
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
        UseSmtp(SmtpSink.FreePort());
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
