using System.Data.Common;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Mail;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Cluster;

/// <summary>
/// The moment of a takeover, when two nodes may run the same job at once (a lease is not a fence): each job claims its
/// work with a condition a second writer cannot meet, so nothing is recorded or sent twice. The race is made to happen
/// every time: the second node's job reads its work, and the first node's job does all of it before the second goes on.
/// </summary>
public sealed class TakeoverTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private readonly AfterNextRead _afterRead = new();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _db.AddInterceptor(_afterRead);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A node's own watcher, wired as in the app.</summary>
    private DeadlineWatcher Watcher() => ActivatorUtilities.CreateInstance<DeadlineWatcher>(_db.Services);

    private OutboxSender Sender() => new(_db, _db.Time, _db.Feed, Options.Create(_db.Mail), NullLogger<OutboxSender>.Instance);

    private async Task<(int Id, DateTime Due)> InProgressAsync()
    {
        var created = await _db.SendRoadsToHousingAsync();
        var v = await _db.VersionOfAsync(created.Id);
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, created.Id, v, new AcceptOrder())).Value;
        await _db.Orders.ExecuteAsync(_db.HousingHead, created.Id, v, new AssignOrder(_db.HousingClerk.EmployeeId));
        await using var db = _db.CreateDbContext();
        return (created.Id, await db.Orders.Where(o => o.Id == created.Id).Select(o => o.DueAt).SingleAsync());
    }

    [Fact]
    public async Task TwoWatchersRecordingTheSameOverdueOrderAtOnce_RecordTheFactAndNotifyOnce()
    {
        var (id, due) = await InProgressAsync();
        var (nodeA, nodeB) = (Watcher(), Watcher());
        var now = due.AddSeconds(1);

        // Node B reads the order as due; before it writes, node A records everything.
        _afterRead.Arm(() => nodeA.ProcessDueAsync(now));
        await nodeB.ProcessDueAsync(now);

        Assert.False(_afterRead.Armed);
        await using var db = _db.CreateDbContext();
        Assert.Single(await db.OrderEvents.Where(e => e.OrderId == id && e.Kind == OrderEventKind.Overdue).ToListAsync());
        var notices = await db.Notifications.Where(n => n.OrderId == id && n.Kind == NotificationKind.Overdue).ToListAsync();
        Assert.NotEmpty(notices);
        Assert.Equal(notices.Count, notices.Select(n => n.RecipientId).Distinct().Count());
        Assert.Single(_db.Feed.Published, c => c.OrderId == id && c.Event == OrderEventKind.Overdue);
    }

    [Fact]
    public async Task TwoSendersSendingTheSameLetterAtOnce_SendItOnce()
    {
        await using var smtp = await SmtpSink.StartAsync();
        _db.Mail.Enabled = true;
        _db.Mail.Host = "127.0.0.1";
        _db.Mail.Port = smtp.Port;
        _db.Mail.BaseUrl = "http://liveorders.test";
        await InProgressAsync();
        await using (var db = _db.CreateDbContext())
            Assert.Single(await db.EmailMessages.Where(m => m.To == "housing.clerk@test.local").ToListAsync());
        var (nodeA, nodeB) = (Sender(), Sender());

        // Node B reads the outbox; before it sends, node A sends everything.
        var sentByA = 0;
        _afterRead.Arm(async () => sentByA = await nodeA.SendDueAsync());
        var sentByB = await nodeB.SendDueAsync();

        Assert.False(_afterRead.Armed);
        Assert.True(sentByA > 0);
        Assert.Equal(0, sentByB);
        await using var check = _db.CreateDbContext();
        var letters = await check.EmailMessages.ToListAsync();
        Assert.All(letters, l => Assert.NotNull(l.SentAt));
        foreach (var letter in letters)
            Assert.Single(smtp.Messages(), m => m.Contains($"X-LiveOrders-Outbox: {letter.Id}\r\n"));
    }

    /// <summary>Runs an action once, right after the next query's reader opened (its rows are read as they were before).</summary>
    private sealed class AfterNextRead : DbCommandInterceptor
    {
        private Func<Task>? _armed;

        public bool Armed => Volatile.Read(ref _armed) is not null;

        public void Arm(Func<Task> action) => _armed = action;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken ct = default)
        {
            if (Interlocked.Exchange(ref _armed, null) is { } action) await action();
            return result;
        }
    }
}
